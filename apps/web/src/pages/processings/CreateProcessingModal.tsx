import { Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalActions } from '../../components/ModalActions';

export function CreateProcessingModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (value: string) => api.createProcessing({ name: value }),
    onSuccess: (created) => {
      void client.invalidateQueries({ queryKey: keys.processings });
      setName('');
      onClose();
      navigate(`/processings/${created.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('processings.createTitle')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Stack>
          <TextInput
            label={t('processings.name')}
            placeholder={t('processings.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
          />
          <ErrorAlert error={create.error} />
          <ModalActions onCancel={onClose} submitLabel={t('common.create')} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
