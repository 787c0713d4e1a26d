import { Button, Card, Group, Stack, TagsInput, Text, ThemeIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBell, IconMailForward } from '@tabler/icons-react';
import type { ProcessingView } from '@provod/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../../api/endpoints';
import { useRole } from '../../auth/use-role';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorMessage } from '../../lib/errors';

// Labels without dots, so the pattern cannot backtrack over a long address.
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Who hears about failed operations. Saved on its own: it changes nothing about how events run. */
export function AlertsSection({ processing }: { processing: ProcessingView }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // A viewer sees who is alerted but changes nothing and sends no test e-mail.
  const { canEdit } = useRole();
  const [recipients, setRecipients] = useState<string[]>(processing.alertRecipients ?? []);
  useEffect(() => setRecipients(processing.alertRecipients ?? []), [processing.alertRecipients]);
  const invalid = recipients.filter((r) => !EMAIL.test(r));
  const changed = JSON.stringify(recipients) !== JSON.stringify(processing.alertRecipients ?? []);
  const save = useMutation({
    mutationFn: () => api.setAlerts(processing.id, recipients),
    onSuccess: (updated) => {
      client.setQueryData(keys.processing(processing.id), updated);
      notifications.show({ color: 'teal', message: t('alerts.saved') });
    },
  });
  const test = useMutation({
    mutationFn: () => api.testAlert(recipients[0]),
    onSuccess: () => notifications.show({ color: 'teal', message: t('alerts.testSent', { to: recipients[0] ?? t('alerts.owner') }) }),
    onError: (error) => notifications.show({ color: 'red', title: t('alerts.testFailed'), message: errorMessage(error, t) }),
  });
  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="alerts-title">
      <Stack gap="sm">
        <Group gap="sm">
          <ThemeIcon variant="light" radius="md" size={30} color="yellow">
            <IconBell size={18} />
          </ThemeIcon>
          <div>
            <Text fw={600} id="alerts-title">
              {t('alerts.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('alerts.hint')}
            </Text>
          </div>
        </Group>
        <TagsInput
          label={t('alerts.recipients')}
          placeholder={recipients.length ? '' : t('alerts.placeholder')}
          value={recipients}
          onChange={setRecipients}
          splitChars={[',', ' ', ';']}
          error={invalid.length ? t('alerts.invalid', { list: invalid.join(', ') }) : undefined}
          clearable
          readOnly={!canEdit}
        />
        <ErrorAlert error={save.error} />
        {canEdit && (
          <Group gap="xs">
            <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={!changed || invalid.length > 0}>
              {t('alerts.save')}
            </Button>
            <Button size="xs" variant="default" leftSection={<IconMailForward size={14} />} onClick={() => test.mutate()} loading={test.isPending}>
              {t('alerts.test')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
