import { Alert, Button, Group, Modal, Popover, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRepeat } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ReplayFrom, ReplayVersion } from '@provod/contracts';
import { api, keys } from '../api/endpoints';
import { useRole } from '../auth/use-role';
import { errorMessage } from '../lib/errors';
import { ErrorAlert } from './ErrorAlert';

function ReplayOptions({ from, version, onFrom, onVersion, originalVersion }: {
  from: ReplayFrom;
  version: ReplayVersion;
  onFrom: (v: ReplayFrom) => void;
  onVersion: (v: ReplayVersion) => void;
  originalVersion?: number;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('replay.defaults')}
      </Text>
      <Radio.Group label={t('replay.from')} value={from} onChange={(v) => onFrom(v as ReplayFrom)}>
        <Stack gap={4} mt={4}>
          <Radio value="failed" label={t('replay.fromFailed')} />
          <Radio value="start" label={t('replay.fromStart')} />
        </Stack>
      </Radio.Group>
      <Radio.Group label={t('replay.version')} value={version} onChange={(v) => onVersion(v as ReplayVersion)}>
        <Stack gap={4} mt={4}>
          <Radio value="original" label={originalVersion ? t('replay.originalN', { version: originalVersion }) : t('replay.original')} />
          <Radio value="current" label={t('replay.current')} />
        </Stack>
      </Radio.Group>
    </Stack>
  );
}

/**
 * Replays one operation; the defaults (failed step, original version) are stated, not hidden. An event
 * that already succeeded, or was already replayed, has sent its data once: replaying it again may create
 * a second lead, so the dropdown says so and the button asks for that decision.
 */
export function ReplayButton({ operationId, processingId, originalVersion, size = 'xs', openAfter = false, succeeded = false, replayed = false }: {
  operationId: string;
  processingId: string;
  originalVersion?: number;
  size?: 'xs' | 'sm';
  openAfter?: boolean;
  /** The event already succeeded. */
  succeeded?: boolean;
  /** The event was already replayed at least once. */
  replayed?: boolean;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { canEdit } = useRole();
  const [opened, setOpened] = useState(false);
  const [from, setFrom] = useState<ReplayFrom>('failed');
  const [version, setVersion] = useState<ReplayVersion>('original');
  const replay = useMutation({
    mutationFn: () => api.replay(operationId, from, version),
    onSuccess: (created) => {
      setOpened(false);
      void client.invalidateQueries({ queryKey: keys.operations(processingId) });
      void client.invalidateQueries({ queryKey: keys.operation(operationId) });
      notifications.show({ color: 'teal', message: t('replay.started') });
      if (openAfter) navigate(`/operations/${created.id}`);
    },
    onError: (error) => notifications.show({ color: 'red', title: t('replay.failed'), message: errorMessage(error, t) }),
  });
  const warning = replayed ? t('replayGuard.replayed') : succeeded ? t('replayGuard.succeeded') : null;
  // Viewers read history but cannot replay (the API refuses them too).
  if (!canEdit) return null;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={300} withinPortal trapFocus shadow="md">
      <Popover.Target>
        <Button size={size} variant="light" leftSection={<IconRepeat size={14} />} onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
          {t('replay.button')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="sm">
          {warning && (
            <Alert color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={16} />} title={t('replayGuard.title')} role="alert">
              <Text size="xs">{warning}</Text>
            </Alert>
          )}
          <ReplayOptions from={from} version={version} onFrom={setFrom} onVersion={setVersion} originalVersion={originalVersion} />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" color={warning ? 'orange' : undefined} loading={replay.isPending} onClick={() => replay.mutate()}>
              {warning ? t('replayGuard.confirm') : t('replay.run')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** "Replay all failed in this range": the range is the history's current filter. */
export function BulkReplayButton({ processingId, receivedFrom, receivedTo, rangeText }: { processingId: string; receivedFrom?: string; receivedTo?: string; rangeText: string }) {
  const { t } = useTranslation();
  const { canEdit } = useRole();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const [from, setFrom] = useState<ReplayFrom>('failed');
  const [version, setVersion] = useState<ReplayVersion>('original');
  const replay = useMutation({
    mutationFn: () => api.replayFailed(processingId, { from, version, receivedFrom, receivedTo }),
    onSuccess: ({ count }) => {
      setOpened(false);
      void client.invalidateQueries({ queryKey: keys.operations(processingId) });
      notifications.show({ color: 'teal', message: t('replay.bulkDone', { count }) });
    },
  });
  if (!canEdit) return null;
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconRepeat size={14} />} onClick={() => setOpened(true)}>
        {t('replay.bulk')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('replay.bulkTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('replay.bulkText', { range: rangeText })}</Text>
          <ReplayOptions from={from} version={version} onFrom={setFrom} onVersion={setVersion} />
          <ErrorAlert error={replay.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={replay.isPending} onClick={() => replay.mutate()}>
              {t('replay.bulkRun')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
