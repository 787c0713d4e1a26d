import type { ProcessingView, VersionSummary } from '@provod/contracts';
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconGitCompare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, keys } from '../../../api/endpoints';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { PageLoader } from '../../../components/PageLoader';
import { errorMessage } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLang } from '../../../lib/use-lang';
import { diffDefinitions } from './definition-diff';
import { DefinitionDiffView } from './DefinitionDiffView';

interface Props {
  processing: ProcessingView;
  /** False for viewers: they look, they do not restore. */
  canEdit: boolean;
  /** The editor holds unsaved changes, which a restore replaces: the confirmation says so. */
  dirty?: boolean;
  onRestored: (saved: ProcessingView) => void;
}

function VersionDiff({ processing, version }: { processing: ProcessingView; version: number }) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: [...keys.versions(processing.id), version], queryFn: () => api.version(processing.id, version) });
  const diff = useMemo(() => (detail.data ? diffDefinitions(detail.data, processing) : null), [detail.data, processing]);
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!diff) return <PageLoader />;
  return <DefinitionDiffView diff={diff} title={t('versions.diffTitle', { version, current: processing.version })} />;
}

/** Every saved version, who saved it and when; a diff against the current one, and restoring one as a new version. */
export function VersionsPanel({ processing, canEdit, dirty = false, onRestored }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const client = useQueryClient();
  const [compared, setCompared] = useState<number | null>(null);
  const versions = useQuery({ queryKey: keys.versions(processing.id), queryFn: () => api.versions(processing.id) });
  const restore = useMutation({
    mutationFn: (version: number) => api.restoreVersion(processing.id, version),
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('versions.restored', { version: saved.restoredFrom, saved: saved.version }) });
      setCompared(null);
      void client.invalidateQueries({ queryKey: keys.versions(processing.id) });
      onRestored(saved);
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  const confirmRestore = (version: number) =>
    modals.openConfirmModal({
      title: t('versions.restoreTitle', { version }),
      children: (
        <Stack gap="xs">
          <Text size="sm">{t('versions.restoreText')}</Text>
          {dirty && (
            <Text size="sm" c="orange.8">
              {t('versions.dirtyWarning')}
            </Text>
          )}
        </Stack>
      ),
      labels: { confirm: t('versions.restore'), cancel: t('common.cancel') },
      onConfirm: () => restore.mutate(version),
    });

  if (versions.isPending) return <PageLoader />;
  if (versions.isError) return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  const current = processing.version;
  const author = (v: VersionSummary) => (v.author ? (v.author.name ? `${v.author.name} · ${v.author.email}` : v.author.email) : t('versions.unknownAuthor'));

  return (
    <Stack gap="sm">
      {!canEdit && (
        <Alert variant="light" color="gray">
          {t('versions.readOnly')}
        </Alert>
      )}
      <Stack gap="xs" component="ol" aria-label={t('versions.title')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {versions.data.versions.map((v) => (
          <Card key={v.version} withBorder radius="sm" padding="xs" component="li" aria-label={`v${v.version}`}>
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text fw={700} size="sm">
                    v{v.version}
                  </Text>
                  {v.version === current && (
                    <Badge size="xs" variant="light">
                      {t('versions.current')}
                    </Badge>
                  )}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(v.savedAt, lang)}
                  </Text>
                </Group>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {author(v)}
                </Text>
                {v.restoredFrom !== null && (
                  <Text size="xs" c="dimmed">
                    {t('versions.restoredFrom', { version: v.restoredFrom })}
                  </Text>
                )}
              </Stack>
              {v.version !== current && (
                <Group gap={4}>
                  <Button size="compact-xs" variant="subtle" leftSection={<IconGitCompare size={14} />} onClick={() => setCompared(compared === v.version ? null : v.version)} aria-pressed={compared === v.version}>
                    {t('versions.compare')}
                  </Button>
                  {canEdit && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconArrowBackUp size={14} />}
                      aria-label={t('versions.restoreWho', { version: v.version })}
                      loading={restore.isPending && restore.variables === v.version}
                      onClick={() => confirmRestore(v.version)}
                    >
                      {t('versions.restore')}
                    </Button>
                  )}
                </Group>
              )}
            </Group>
            {compared === v.version && (
              <Card withBorder radius="sm" padding="xs" mt="xs" bg="var(--mantine-color-gray-0)">
                <VersionDiff processing={processing} version={v.version} />
              </Card>
            )}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}
