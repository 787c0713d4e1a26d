import { Modal, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { useAdoptMe } from '../auth/use-me';
import { ErrorAlert } from '../components/ErrorAlert';
import { ModalActions } from '../components/ModalActions';

export function CreateWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const adopt = useAdoptMe();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: api.createWorkspace,
    onSuccess: (me) => {
      adopt(me);
      setName('');
      onClose();
      navigate('/processings');
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('header.createWorkspace')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Stack>
          <TextInput label={t('header.workspaceName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
          <ErrorAlert error={create.error} />
          <ModalActions onCancel={onClose} submitLabel={t('common.create')} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
