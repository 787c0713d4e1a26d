import { Anchor, Button, Card, Chip, Group, Loader, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconSearch, IconX } from '@tabler/icons-react';
import { type Action, OPERATION_STATUSES, type OperationStatus, type OperationSummary, type ProcessingView } from '@provod/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, keys, webhookUrl, type OperationFilters } from '../../api/endpoints';
import { CopyField } from '../../components/CopyField';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { BulkReplayButton, ReplayButton } from '../../components/ReplayControls';
import { OperationStatusBadge } from '../../components/StatusBadge';
import { useStepErrorText } from '../../components/StepErrorView';
import { formatDateTime, formatDuration, formatParamValue, formatTime, isoToLocalInput, localInputToIso, operationDurationMs } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

const PAGE_SIZE = 50;
const PERIODS = { all: 0, '1h': 3600_000, '24h': 86_400_000, '7d': 7 * 86_400_000 } as const;
type Period = keyof typeof PERIODS | 'custom';

function filtersFrom(params: URLSearchParams): OperationFilters {
  const status = params.getAll('status').filter((s): s is OperationStatus => (OPERATION_STATUSES as readonly string[]).includes(s));
  return {
    status: status.length ? status : undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    param: params.get('param') ?? undefined,
    value: params.get('value') ?? undefined,
  };
}

type Recorded = NonNullable<OperationSummary['error']>;

/** The failed step in plain words; the technical message shows on hover and on the event's page. */
function ErrorSentence({ error, actions }: { error: Recorded; actions: readonly Action[] }) {
  const action = actions.find((candidate) => candidate.name === error.step);
  const text = useStepErrorText(error, action ? { type: action.type, settings: action.settings } : {});
  return (
    <Text size="xs" c="red.8" lineClamp={3} title={error.message}>
      {error.step ? <Text span fw={600} size="xs">{error.step}: </Text> : null}
      {text.sentence}
    </Text>
  );
}

function ErrorSummary({ operation, actions }: { operation: OperationSummary; actions: readonly Action[] }) {
  if (!operation.error) return null;
  return <ErrorSentence error={operation.error} actions={actions} />;
}

/** The badge, and for an event that was replayed, how its latest replay ended: «повторено → успешно». */
function StatusCell({ operation, replay }: { operation: OperationSummary; replay?: OperationSummary }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} align="flex-start">
      <OperationStatusBadge status={operation.status} />
      {replay && (
        <Anchor component={Link} to={`/operations/${replay.id}`} size="xs" title={t('replayedRow.open')} data-testid="replayed-to">
          {t('replayedRow.label', { status: t(`operationStatus.${replay.status}`).toLowerCase() })}
        </Anchor>
      )}
    </Stack>
  );
}

function paramsText(operation: OperationSummary): string {
  return (
    Object.entries(operation.params ?? {})
      .map(([k, v]) => `${k}=${formatParamValue(v)}`)
      .join(', ') || '—'
  );
}

/** The history table with its filters; filters live in the address so a filtered view can be shared. */
export function OperationsHistory({ processing }: { processing: Pick<ProcessingView, 'id' | 'webhookToken' | 'source' | 'version'> & { actions?: Action[] } }) {
  const { t } = useTranslation();
  // A phone gets one card per event instead of a table that scrolls sideways.
  const narrow = useMediaQuery('(max-width: 48em)') ?? false;
  const actions = processing.actions ?? [];
  const lang = useLang();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [autoRefresh, setAutoRefresh] = useState(true);
  const [period, setPeriod] = useState<Period>(params.get('from') || params.get('to') ? 'custom' : 'all');
  const paramNames = processing.source.parameters.map((p) => p.name);
  const [searchParam, setSearchParam] = useState<string | null>(filters.param ?? paramNames[0] ?? null);
  const [searchValue, setSearchValue] = useState(filters.value ?? '');

  const history = useInfiniteQuery({
    queryKey: [...keys.operations(processing.id), filters],
    queryFn: ({ pageParam, signal }) => api.operations(processing.id, { ...filters, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    // Keyset pagination: the server hands out the cursor of the next (older) page; there are no offsets.
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: autoRefresh ? 5000 : false,
    placeholderData: keepPreviousData,
  });

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
  };
  const setStatuses = (values: string[]) =>
    update((next) => {
      next.delete('status');
      for (const v of values) next.append('status', v);
    });
  const choosePeriod = (value: Period) => {
    setPeriod(value);
    if (value === 'custom') return;
    update((next) => {
      next.delete('to');
      if (value === 'all') next.delete('from');
      else next.set('from', new Date(Date.now() - PERIODS[value]).toISOString());
    });
  };
  const setBound = (bound: 'from' | 'to', local: string) =>
    update((next) => {
      const iso = localInputToIso(local);
      if (iso) next.set(bound, iso);
      else next.delete(bound);
    });
  const search = () =>
    update((next) => {
      if (searchParam && searchValue.trim()) {
        next.set('param', searchParam);
        next.set('value', searchValue.trim());
      } else {
        next.delete('param');
        next.delete('value');
      }
    });
  const clearAll = () => {
    setPeriod('all');
    setSearchValue('');
    setParams(new URLSearchParams(), { replace: true });
  };

  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  // Newest first, so the first replay met for an event is its latest. A replay is newer than its
  // original, so it is loaded whenever the original is (unless a status filter hides it).
  const latestReplay = new Map<string, OperationSummary>();
  for (const item of items) if (item.replayOf && !latestReplay.has(item.replayOf)) latestReplay.set(item.replayOf, item);
  const replayButton = (operation: OperationSummary) =>
    (operation.status === 'failed' || operation.status === 'succeeded' || operation.status === 'filtered') && (
      <ReplayButton
        operationId={operation.id}
        processingId={processing.id}
        originalVersion={operation.processingVersion}
        succeeded={operation.status === 'succeeded'}
        replayed={latestReplay.has(operation.id)}
      />
    );
  const filtered = Boolean(filters.status || filters.from || filters.to || filters.value);
  const rangeText =
    filters.from || filters.to
      ? `${filters.from ? formatDateTime(filters.from, lang) : '…'} — ${filters.to ? formatDateTime(filters.to, lang) : t('history.now')}`
      : t('history.allTime');

  return (
    <Stack gap="sm">
      <Stack gap="xs" component="form" role="search" aria-label={t('history.filters')} onSubmit={(event) => { event.preventDefault(); search(); }}>
        <Group gap="xs" align="center">
          <Text size="sm" fw={500} id="status-filter">
            {t('history.status')}:
          </Text>
          <Chip.Group multiple value={filters.status ?? []} onChange={setStatuses}>
            <Group gap={4} role="group" aria-labelledby="status-filter">
              {OPERATION_STATUSES.map((status) => (
                <Chip key={status} value={status} size="xs" variant="outline">
                  {t(`operationStatus.${status}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Group>
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Select
            label={t('history.period')}
            value={period}
            onChange={(v) => v && choosePeriod(v as Period)}
            data={(['all', '1h', '24h', '7d', 'custom'] as const).map((p) => ({ value: p, label: t(`history.periods.${p}`) }))}
            allowDeselect={false}
            w={170}
            size="xs"
            comboboxProps={{ withinPortal: true }}
          />
          {period === 'custom' && (
            <>
              <TextInput type="datetime-local" size="xs" label={t('history.from')} value={filters.from ? isoToLocalInput(filters.from) : ''} onChange={(e) => setBound('from', e.currentTarget.value)} />
              <TextInput type="datetime-local" size="xs" label={t('history.to')} value={filters.to ? isoToLocalInput(filters.to) : ''} onChange={(e) => setBound('to', e.currentTarget.value)} />
            </>
          )}
          <Select
            label={t('history.searchParam')}
            value={searchParam}
            onChange={setSearchParam}
            data={paramNames}
            w={130}
            size="xs"
            disabled={paramNames.length === 0}
            placeholder={paramNames.length === 0 ? t('history.noParams') : undefined}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput label={t('history.searchValue')} value={searchValue} onChange={(e) => setSearchValue(e.currentTarget.value)} size="xs" w={160} placeholder="61" disabled={paramNames.length === 0} />
          <Button type="submit" size="xs" variant="light" leftSection={<IconSearch size={14} />} disabled={paramNames.length === 0}>
            {t('history.search')}
          </Button>
          {filtered && (
            <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={clearAll}>
              {t('history.clear')}
            </Button>
          )}
          <Group gap="xs" ml="auto" align="center">
            <Switch size="xs" label={t('history.autoRefresh')} checked={autoRefresh} onChange={(e) => setAutoRefresh(e.currentTarget.checked)} />
            {history.isFetching && !history.isFetchingNextPage && <Loader size={12} aria-label={t('common.loading')} />}
            <BulkReplayButton processingId={processing.id} receivedFrom={filters.from} receivedTo={filters.to} rangeText={rangeText} />
          </Group>
        </Group>
      </Stack>

      {history.isError && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {history.isPending ? (
        <Group justify="center" py="lg">
          <Loader size="sm" aria-label={t('common.loading')} />
        </Group>
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title={t('history.nothingMatches')}>
            <Button size="xs" variant="light" onClick={clearAll}>
              {t('history.clear')}
            </Button>
          </EmptyState>
        ) : (
          <EmptyState title={t('history.emptyTitle')}>
            <Text size="sm" c="dimmed" maw={560}>
              {t('history.emptyText')}
            </Text>
            <CopyField value={webhookUrl(processing.webhookToken)} label={t('source.url')} />
          </EmptyState>
        )
      ) : narrow ? (
        <Stack gap="xs" component="ul" aria-label={t('history.tableLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((operation) => (
            <Card key={operation.id} component="li" withBorder radius="md" padding="sm" data-operation={operation.id}>
              <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
                <StatusCell operation={operation} replay={latestReplay.get(operation.id)} />
                <Stack gap={0} align="flex-end">
                  <Anchor component={Link} to={`/operations/${operation.id}`} size="sm" aria-label={t('history.open', { time: formatDateTime(operation.receivedAt, lang, true) })}>
                    <time dateTime={operation.receivedAt}>{formatDateTime(operation.receivedAt, lang, true)}</time>
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDuration(operationDurationMs(operation.startedAt, operation.finishedAt), t, lang)}
                  </Text>
                </Stack>
              </Group>
              <Text size="xs" ff="monospace" mt={4} style={{ overflowWrap: 'anywhere' }}>
                {paramsText(operation)}
              </Text>
              <ErrorSummary operation={operation} actions={actions} />
              <Group justify="flex-end" mt={4}>
                {replayButton(operation)}
              </Group>
            </Card>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="xs" aria-label={t('history.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('history.colStatus')}</Table.Th>
                <Table.Th w={190}>{t('history.colReceived')}</Table.Th>
                <Table.Th w={100}>{t('history.colDuration')}</Table.Th>
                <Table.Th w={200}>{t('history.colParams')}</Table.Th>
                <Table.Th>{t('history.colError')}</Table.Th>
                <Table.Th w={110}>
                  <span className="visually-hidden">{t('history.colActions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((operation) => (
                <Table.Tr key={operation.id} style={{ cursor: 'pointer' }} onClick={(event) => {
                  // Clicks on the row's own buttons and links do their own thing.
                  if ((event.target as HTMLElement).closest('a,button,[role="dialog"]')) return;
                  navigate(`/operations/${operation.id}`);
                }} data-operation={operation.id}>
                  <Table.Td>
                    <StatusCell operation={operation} replay={latestReplay.get(operation.id)} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/operations/${operation.id}`} size="sm" aria-label={t('history.open', { time: formatDateTime(operation.receivedAt, lang, true) })}>
                      <time dateTime={operation.receivedAt}>{formatDateTime(operation.receivedAt, lang, true)}</time>
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDuration(operationDurationMs(operation.startedAt, operation.finishedAt), t, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" lineClamp={2}>
                      {paramsText(operation)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ErrorSummary operation={operation} actions={actions} />
                  </Table.Td>
                  <Table.Td>{replayButton(operation)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length > 0 && (
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('history.shown', { count: items.length })}
            {history.dataUpdatedAt ? ` · ${t('history.updatedAt', { time: formatTime(new Date(history.dataUpdatedAt).toISOString(), lang) })}` : ''}
          </Text>
          {history.hasNextPage && (
            <Button variant="default" size="xs" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
              {t('history.more')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
