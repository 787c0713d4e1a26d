import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  onCancel: () => void;
  submitLabel: ReactNode;
  loading?: boolean;
  disabled?: boolean;
  /** Without it the button submits the surrounding form. */
  onSubmit?: () => void;
}

/** Cancel on the left, the dialog's action on the right: the same in every dialog. */
export function ModalActions({ onCancel, submitLabel, loading, disabled, onSubmit }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type={onSubmit ? 'button' : 'submit'} onClick={onSubmit} loading={loading} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
