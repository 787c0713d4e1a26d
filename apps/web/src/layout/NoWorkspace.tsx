import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../components/EmptyState';
import { CreateWorkspaceModal } from './CreateWorkspaceModal';

/** A user removed from their last workspace still has an account; they can start a workspace of their own. */
export function NoWorkspace() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <EmptyState title={t('header.noWorkspaceTitle')}>
        <Text size="sm" c="dimmed">
          {t('header.noWorkspaceText')}
        </Text>
        <Button onClick={() => setOpen(true)}>{t('header.createWorkspace')}</Button>
      </EmptyState>
      <CreateWorkspaceModal opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
