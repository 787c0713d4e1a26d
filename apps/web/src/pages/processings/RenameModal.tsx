import { Modal, Stack, TextInput } from '@mantine/core';
import type { ProcessingView } from '@provod/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

export function RenameModal({ processing, opened, onClose }: { processing: ProcessingView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(processing.name);
  useEffect(() => {
    if (opened) setName(processing.name);
  }, [opened, processing.name]);
  const rename = useMutation({
    mutationFn: (value: string) => api.patchProcessing(processing.id, { name: value }),
    onSuccess: (updated) => {
      client.setQueryData(keys.processing(processing.id), updated);
      void client.invalidateQueries({ queryKey: keys.processings });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('processings.renameTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) rename.mutate(name.trim());
        }}
      >
        <Stack>
          <TextInput label={t('processings.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
          <ErrorAlert error={rename.error} />
          <ModalActions onCancel={onClose} submitLabel={t('common.save')} loading={rename.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
