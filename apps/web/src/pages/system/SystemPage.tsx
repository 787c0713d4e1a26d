import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { SystemOverview } from '@provod/contracts';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { PageTitle } from '../../components/PageTitle';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatNumber, formatRelative } from '../../lib/format';
import { useLang } from '../../lib/use-lang';
import { CapacityTable } from './CapacityTable';
import { systemApi, systemKey } from './system-api';

const REFRESH_MS = 5_000;

function formatBytes(bytes: number, lang: string): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1024 ? `${formatNumber(Math.round((mb / 1024) * 10) / 10, lang)} GB` : `${formatNumber(Math.round(mb), lang)} MB`;
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'bad' | 'ok' }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={tone === 'bad' ? 'red' : undefined}>
        {value}
      </Text>
    </Card>
  );
}

function Workers({ workers }: { workers: SystemOverview['workers'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (workers.length === 0) return <Text c="red">{t('system.noWorkers')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label={t('system.workers')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('system.worker')}</Table.Th>
            <Table.Th>{t('system.startedAt')}</Table.Th>
            <Table.Th>{t('system.lastBeat')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workers.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td ff="monospace">{w.id}</Table.Td>
              <Table.Td>{formatDateTime(w.startedAt, lang)}</Table.Td>
              <Table.Td>{w.lastBeatAt ? formatRelative(w.lastBeatAt, lang) : t('system.expiresIn', { seconds: Math.round(w.expiresInMs / 1000) })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function GivenUp({ list }: { list: SystemOverview['givenUp'] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: systemApi.retry,
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('system.retried') });
      void client.invalidateQueries({ queryKey: systemKey });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });
  if (list.length === 0) return <Text c="dimmed">{t('system.noGivenUp')}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label={t('system.givenUp')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('system.operation')}</Table.Th>
            <Table.Th>{t('system.reason')}</Table.Th>
            <Table.Th>
              <span className="visually-hidden">{t('history.colActions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((op) => (
            <Table.Tr key={op.id}>
              <Table.Td>
                <Anchor component={Link} to={`/operations/${op.id}`}>
                  {op.processingName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(op.receivedAt, lang)} · {t('system.attempts', { count: op.attempts })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{op.reason}</Text>
              </Table.Td>
              <Table.Td>
                <Button size="xs" variant="light" loading={retry.isPending && retry.variables === op.id} onClick={() => retry.mutate(op.id)}>
                  {t('system.retry')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Owners only: is the installation healthy, and what needs a hand. */
export default function SystemPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  useDocumentTitle(`${t('system.title')} · Provod`);
  const overview = useQuery({ queryKey: systemKey, queryFn: systemApi.overview, refetchInterval: REFRESH_MS });
  if (overview.isPending) return <PageLoader />;
  if (overview.isError) return <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  const oldest = data.backlog.oldestWaitingSeconds;
  const mail = data.mail;
  return (
    <Stack gap="md" maw={1000}>
      <PageTitle title={t('system.title')} subtitle={t('system.subtitle')} />
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('system.workersAlive')} value={formatNumber(data.workers.length, lang)} tone={data.workers.length === 0 ? 'bad' : 'ok'} />
        <Figure label={t('system.waiting')} value={formatNumber(data.backlog.waiting, lang)} />
        <Figure label={t('system.oldestWaiting')} value={oldest === null ? '—' : t('units.s', { n: Math.round(oldest) })} tone={oldest !== null && oldest > 60 ? 'bad' : undefined} />
        <Figure label={t('system.database')} value={formatBytes(data.database.sizeBytes, lang)} />
      </SimpleGrid>
      <Card withBorder radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('system.workers')}
        </Title>
        <Workers workers={data.workers} />
      </Card>
      <Card withBorder radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('system.queue')}
        </Title>
        <Group gap="xs">
          {Object.entries(data.queue).map(([state, count]) => (
            <Badge key={state} variant="light" color={state === 'failed' && count > 0 ? 'red' : 'gray'} size="lg">
              {i18n.exists(`system.states.${state}`) ? t(`system.states.${state}` as 'system.states.waiting') : state}: {formatNumber(count, lang)}
            </Badge>
          ))}
        </Group>
      </Card>
      <Card withBorder radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('system.capacity')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('system.capacityHint')}
        </Text>
        <CapacityTable rows={data.capacity} />
      </Card>
      <Card withBorder radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('system.givenUp')}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('system.givenUpHint')}
        </Text>
        <GivenUp list={data.givenUp} />
      </Card>
      <Card withBorder radius="md">
        <Title order={2} size="h4" mb="sm">
          {t('system.mail')}
        </Title>
        {!mail.configured ? (
          <EmptyState title={t('system.mailOff')}>
            <Text size="sm" c="dimmed">
              {t('system.mailOffHint')}
            </Text>
          </EmptyState>
        ) : (
          <Stack gap={4}>
            <Text size="sm">{t('system.mailLastSent', { when: mail.lastSentAt ? formatDateTime(mail.lastSentAt, lang) : '—' })}</Text>
            <Text size="sm">{t('system.mailPending', { count: mail.pending })}</Text>
            {mail.lastError && (
              <Text size="sm" c="red">
                {t('system.mailLastError', { when: formatDateTime(mail.lastError.at, lang), message: mail.lastError.message })}
              </Text>
            )}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
