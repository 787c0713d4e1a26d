import { ActionIcon, Anchor, Badge, Button, Card, Grid, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconCopy, IconDots, IconDownload, IconEdit, IconHistory, IconPencil, IconPlayerPlay, IconPlayerStop, IconTrash } from '@tabler/icons-react';
import type { ProcessingStats, ProcessingView } from '@provod/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, keys, webhookUrl } from '../../api/endpoints';
import { useRole } from '../../auth/use-role';
import { CopyField } from '../../components/CopyField';
import { LazyChart } from '../../components/LazyChart';
import { ProcessingStatusBadge } from '../../components/StatusBadge';
import { errorMessage } from '../../lib/errors';
import { downloadJson, formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { useLang } from '../../lib/use-lang';
import { HeldModal } from './HeldModal';
import { ReadinessModal } from './ReadinessModal';
import { RenameModal } from './RenameModal';
import { useStartProcessing } from './use-start-processing';

export function ProcessingCard({ processing, stats, statsLoading }: { processing: ProcessingView; stats?: ProcessingStats; statsLoading: boolean }) {
  const { t } = useTranslation();
  // Viewers look and export; starting, stopping, renaming, copying and deleting are for editors.
  const { canEdit } = useRole();
  const lang = useLang();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [renaming, setRenaming] = useState(false);
  const [held, setHeld] = useState<number | null>(null);
  const refresh = () => {
    void client.invalidateQueries({ queryKey: keys.processings });
    void client.invalidateQueries({ queryKey: keys.processing(processing.id) });
  };
  const fail = (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error, t) });

  const { start, problems, closeProblems } = useStartProcessing(processing.id, {
    onStarted: async () => {
      refresh();
      // Events that came while it was stopped wait for a decision; ask now, while the user is looking.
      try {
        const { count } = await api.held(processing.id);
        if (count > 0) setHeld(count);
      } catch {
        // The counter is a convenience: starting has already succeeded.
      }
    },
    onError: fail,
  });
  const stop = useMutation({ mutationFn: () => api.stop(processing.id), onSuccess: refresh, onError: fail });
  const duplicate = useMutation({
    mutationFn: () => api.duplicate(processing.id),
    onSuccess: (copy) => {
      refresh();
      notifications.show({ color: 'teal', message: t('processings.duplicated', { name: copy.name }) });
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => api.deleteProcessing(processing.id),
    onSuccess: () => {
      refresh();
      notifications.show({ message: t('processings.deleted', { name: processing.name }) });
    },
    onError: fail,
  });
  const exportIt = useMutation({
    mutationFn: () => api.exportProcessing(processing.id),
    onSuccess: (document) => downloadJson(`${processing.name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}.json`, document),
    onError: fail,
  });

  const confirmDelete = () =>
    modals.openConfirmModal({
      title: t('processings.deleteTitle'),
      children: <Text size="sm">{t('processings.deleteText', { name: processing.name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(),
    });

  const running = processing.status === 'running';
  const heldCount = stats?.held ?? 0;

  return (
    <Card withBorder radius="md" padding="md" component="article" aria-labelledby={`p-${processing.id}`}>
      <Grid gap="md" align="center">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap={8}>
            <Group justify="space-between" gap="sm">
              <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 14rem' }}>
                <Anchor component={Link} to={`/processings/${processing.id}`} fw={600} size="lg" id={`p-${processing.id}`} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                  {processing.name}
                </Anchor>
                <ProcessingStatusBadge status={processing.status} />
              </Group>
              <Group gap={6} wrap="wrap">
                {canEdit &&
                  (running ? (
                    <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} loading={stop.isPending} onClick={() => stop.mutate()}>
                      {t('processings.stop')}
                    </Button>
                  ) : (
                    <Button size="xs" color="teal" leftSection={<IconPlayerPlay size={14} />} loading={start.isPending} onClick={() => start.mutate()}>
                      {t('processings.start')}
                    </Button>
                  ))}
                <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} component={Link} to={`/processings/${processing.id}`}>
                  {t('processings.edit')}
                </Button>
                <Button size="xs" variant="subtle" leftSection={<IconHistory size={14} />} component={Link} to={`/processings/${processing.id}/history`}>
                  {t('processings.history')}
                </Button>
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Tooltip label={t('common.more')}>
                      <ActionIcon variant="subtle" color="gray" aria-label={t('processings.moreFor', { name: processing.name })}>
                        <IconDots size={18} />
                      </ActionIcon>
                    </Tooltip>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {canEdit && (
                      <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setRenaming(true)}>
                        {t('processings.rename')}
                      </Menu.Item>
                    )}
                    {canEdit && (
                      <Menu.Item leftSection={<IconCopy size={14} />} onClick={() => duplicate.mutate()}>
                        {t('processings.duplicate')}
                      </Menu.Item>
                    )}
                    <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => exportIt.mutate()}>
                      {t('processings.export')}
                    </Menu.Item>
                    {canEdit && <Menu.Divider />}
                    {canEdit && (
                      <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={confirmDelete}>
                        {t('common.delete')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Group>
            <Group gap={6} wrap="nowrap">
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('processings.webhook')}:
              </Text>
              <CopyField value={webhookUrl(processing.webhookToken)} label={t('processings.webhookOf', { name: processing.name })} />
            </Group>
            <Group gap="lg">
              <Text size="sm">
                <Text span c="dimmed">
                  {t('processings.lastEvent')}:{' '}
                </Text>
                {statsLoading ? '…' : stats?.lastEventAt ? (
                  <time dateTime={stats.lastEventAt} title={formatDateTime(stats.lastEventAt, lang, true)}>
                    {formatRelative(stats.lastEventAt, lang)}
                  </time>
                ) : (
                  t('processings.noEvents')
                )}
              </Text>
              <Text size="sm">
                <Text span c="dimmed">
                  {t('processings.last24h')}:{' '}
                </Text>
                <Text span c="teal.8" fw={600}>
                  {t('processings.succeededCount', { count: stats?.succeeded24h ?? 0, formatted: formatNumber(stats?.succeeded24h ?? 0, lang) })}
                </Text>
                {' · '}
                <Text span c={stats?.failed24h ? 'red.7' : undefined} fw={stats?.failed24h ? 600 : undefined}>
                  {t('processings.failedCount', { count: stats?.failed24h ?? 0, formatted: formatNumber(stats?.failed24h ?? 0, lang) })}
                </Text>
              </Text>
              {heldCount > 0 && (
                <Badge color="yellow" variant="light" style={{ cursor: 'pointer' }} component="button" onClick={() => setHeld(heldCount)}>
                  {t('processings.heldBadge', { count: heldCount })}
                </Badge>
              )}
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Anchor component={Link} to={`/processings/${processing.id}/history`} underline="never" aria-label={t('processings.chartLink', { name: processing.name })}>
            <LazyChart processingId={processing.id} range="24h" height={64} compact />
          </Anchor>
        </Grid.Col>
      </Grid>
      <RenameModal processing={processing} opened={renaming} onClose={() => setRenaming(false)} />
      <ReadinessModal processingId={processing.id} problems={problems} onClose={closeProblems} />
      <HeldModal processing={processing} count={held} onClose={() => setHeld(null)} onOpenHistory={() => navigate(`/processings/${processing.id}/history?status=held`)} />
    </Card>
  );
}
