import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/endpoints';
import { useAdoptMe } from '../auth/use-me';
import { ErrorAlert } from '../components/ErrorAlert';

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
    <Modal opened={opened} onClose={onClose} title={t('header.createWorkspace')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) create.mutate(name.trim());
        }}
      >
        <Stack>
          <TextInput label={t('header.workspaceName')} value={name} onChange={(e) => setName(e.currentTarget.value)} required data-autofocus />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
