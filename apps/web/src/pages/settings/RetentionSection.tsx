import { Button, Card, Group, NumberInput, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { WorkspaceSettings } from '@provod/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';

const settingsKey = ['workspace-settings'] as const;
const loadSettings = () => request<WorkspaceSettings>('GET', '/api/workspace/settings');
const saveSettings = (settings: WorkspaceSettings) => request<WorkspaceSettings>('PUT', '/api/workspace/settings', settings);

/** How long the workspace keeps its history; owners change it, members see it. */
export function RetentionSection({ isOwner }: { isOwner: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const current = useQuery({ queryKey: settingsKey, queryFn: loadSettings });
  const [days, setDays] = useState<number>(30);
  const [failedDays, setFailedDays] = useState<number | null>(null);
  useEffect(() => {
    if (!current.data) return;
    setDays(current.data.historyRetentionDays);
    setFailedDays(current.data.failedRetentionDays);
  }, [current.data]);
  const save = useMutation({
    mutationFn: saveSettings,
    onSuccess: (saved) => {
      client.setQueryData(settingsKey, saved);
      notifications.show({ color: 'teal', message: t('retention.saved') });
    },
  });
  const changed = current.data && (current.data.historyRetentionDays !== days || current.data.failedRetentionDays !== failedDays);

  return (
    <Card withBorder radius="md" padding="md" component="section" aria-labelledby="retention-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="retention-title">
            {t('retention.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('retention.subtitle')}
          </Text>
        </div>
        <ErrorAlert error={current.error ?? save.error} />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ historyRetentionDays: days, failedRetentionDays: failedDays });
          }}
        >
          <Group align="flex-end" gap="md">
            <NumberInput
              label={t('retention.days')}
              value={days}
              onChange={(value) => setDays(typeof value === 'number' ? value : 30)}
              min={1}
              max={3650}
              allowDecimal={false}
              disabled={!isOwner || !current.data}
              w={200}
            />
            <Switch
              label={t('retention.keepFailedLonger')}
              checked={failedDays !== null}
              onChange={(e) => setFailedDays(e.currentTarget.checked ? Math.max(days, 90) : null)}
              disabled={!isOwner || !current.data}
              mb={8}
            />
            {failedDays !== null && (
              <NumberInput
                label={t('retention.failedDays')}
                value={failedDays}
                onChange={(value) => setFailedDays(typeof value === 'number' ? value : days)}
                min={days}
                max={3650}
                allowDecimal={false}
                disabled={!isOwner}
                w={200}
              />
            )}
            {isOwner && (
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                {t('common.save')}
              </Button>
            )}
          </Group>
        </form>
        {!isOwner && (
          <Text size="xs" c="dimmed">
            {t('retention.ownerOnly')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
