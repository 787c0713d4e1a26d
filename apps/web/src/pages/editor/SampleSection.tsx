import { Alert, Badge, Button, Card, Code, Collapse, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconClockPlay, IconSend, IconTestPipe } from '@tabler/icons-react';
import type { OperationDetail, ProcessingStatus, WebhookSource } from '@provod/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { RawRequestView, type ShownRequest } from '../../components/RawRequestView';
import { errorMessage } from '../../lib/errors';
import { formatDateTime, formatParamValue } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

export interface SampleState {
  operationId: string | null;
  receivedAt: string | null;
  params: Record<string, unknown>;
  request: ShownRequest | null;
}

type BodyKind = 'json' | 'form' | 'text';
const CONTENT_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  text: 'text/plain; charset=utf-8',
};

function TestRequestForm({ token, methods, status, onDelivered }: { token: string; methods: WebhookSource['methods']; status: ProcessingStatus; onDelivered: (operationId: string) => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<string>(methods[0] ?? 'GET');
  const [query, setQuery] = useState('r_id=61');
  const [kind, setKind] = useState<BodyKind>('json');
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<{ status: number; text: string } | { error: string } | null>(null);

  const send = async () => {
    setSending(true);
    setAnswer(null);
    try {
      const qs = query.trim().replace(/^\?/, '');
      const hasBody = method !== 'GET' && body.trim() !== '';
      const response = await fetch(`/hooks/${encodeURIComponent(token)}${qs ? `?${qs}` : ''}`, {
        method,
        headers: hasBody ? { 'Content-Type': CONTENT_TYPES[kind] } : undefined,
        body: hasBody ? body : undefined,
      });
      const text = await response.text();
      setAnswer({ status: response.status, text });
      // The webhook answers with the stored operation's id: that event becomes the sample straight away.
      try {
        const stored = JSON.parse(text) as { operationId?: unknown };
        if (response.ok && typeof stored.operationId === 'string') onDelivered(stored.operationId);
      } catch {
        // Not JSON: nothing to follow; the answer is shown as it is.
      }
    } catch (error) {
      setAnswer({ error: errorMessage(error, t) });
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="xs">
      <Text size="xs" c={status === 'running' ? 'orange.8' : 'dimmed'}>
        {status === 'running' ? t('sample.testRunningWarning') : t('sample.testStoppedNote')}
      </Text>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <Select
          label={t('sample.method')}
          data={methods.map((m) => ({ value: m, label: m }))}
          value={method}
          onChange={(m) => m && setMethod(m)}
          allowDeselect={false}
          w={110}
          comboboxProps={{ withinPortal: true }}
        />
        <TextInput label={t('sample.query')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} placeholder="r_id=61&type_id=2" style={{ flex: 1 }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
      </Group>
      {method !== 'GET' && (
        <>
          <SegmentedControl
            size="xs"
            w="fit-content"
            value={kind}
            onChange={(v) => setKind(v as BodyKind)}
            data={(['json', 'form', 'text'] as const).map((k) => ({ value: k, label: t(`sample.kind.${k}`) }))}
            aria-label={t('sample.bodyKind')}
          />
          <Textarea
            label={t('sample.body')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={3}
            maxRows={10}
            placeholder={kind === 'json' ? '{"r_id": 61}' : kind === 'form' ? 'r_id=61&client[u_name]=Ivan' : ''}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          />
        </>
      )}
      <Group>
        <Button size="xs" leftSection={<IconSend size={14} />} loading={sending} onClick={() => void send()}>
          {t('sample.send')}
        </Button>
        {answer && 'status' in answer && (
          <Text size="xs" role="status" component="div">
            <Badge size="xs" color={answer.status < 300 ? 'teal' : 'red'} variant="light" mr={6}>
              HTTP {answer.status}
            </Badge>
            <Code>{answer.text.slice(0, 200)}</Code>
          </Text>
        )}
        {answer && 'error' in answer && (
          <Text size="xs" c="red" role="alert">
            {answer.error}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

export interface SampleSectionProps {
  processingId: string;
  token: string;
  methods: WebhookSource['methods'];
  status: ProcessingStatus;
  sample: SampleState | null;
  onSample: (detail: OperationDetail) => void;
  expanded: boolean;
  onToggle: () => void;
}

/**
 * Later steps need sample values. "Wait for an event" watches the history for an event newer than
 * the click (compared by id, not by clock, so a server in another time zone does not matter).
 */
export function SampleSection({ processingId, token, methods, status, sample, onSample, expanded, onToggle }: SampleSectionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [waiting, setWaiting] = useState(false);
  const [baseline, setBaseline] = useState<string | null | undefined>(undefined);
  const [waitError, setWaitError] = useState<unknown>(null);

  const latest = useQuery({
    queryKey: ['processing', processingId, 'latest-event'],
    queryFn: () => api.operations(processingId, { limit: 1 }),
    enabled: waiting && baseline !== undefined,
    refetchInterval: 2000,
    gcTime: 0,
  });

  const startWaiting = async () => {
    setWaitError(null);
    try {
      const page = await api.operations(processingId, { limit: 1 });
      setBaseline(page.items[0]?.id ?? null);
      setWaiting(true);
    } catch (error) {
      setWaitError(error);
    }
  };

  useEffect(() => {
    const newest = latest.data?.items[0];
    if (!waiting || baseline === undefined || !newest || newest.id === baseline) return;
    setWaiting(false);
    api.operation(newest.id).then(onSample, setWaitError);
  }, [latest.data, waiting, baseline, onSample]);

  const params = Object.entries(sample?.params ?? {});

  return (
    <Card withBorder radius="md" padding={0} component="section" aria-label={t('sample.title')}>
      <UnstyledButton onClick={onToggle} aria-expanded={expanded} aria-controls="sample-body" px="md" py="sm" w="100%">
        <Group gap="sm" wrap="nowrap">
          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          <ThemeIcon variant="light" radius="md" size={30} color="indigo">
            <IconTestPipe size={18} />
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Text fw={600}>{t('sample.title')}</Text>
            <Text size="xs" c="dimmed" truncate="end">
              {waiting
                ? t('sample.waiting')
                : sample
                  ? t('sample.from', { time: formatDateTime(sample.receivedAt, lang, true), params: params.map(([k, v]) => `${k}=${formatParamValue(v)}`).join(', ') || '—' })
                  : t('sample.none')}
            </Text>
          </div>
        </Group>
      </UnstyledButton>
      <Collapse expanded={expanded} id="sample-body">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" px="md" pb="md">
          <Stack gap="xs">
            <Group gap="xs">
              {waiting ? (
                <>
                  <Loader size="xs" />
                  <Text size="sm" role="status">
                    {t('sample.waitingLong')}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => setWaiting(false)}>
                    {t('common.cancel')}
                  </Button>
                </>
              ) : (
                <Button size="xs" variant="light" leftSection={<IconClockPlay size={14} />} onClick={() => void startWaiting()}>
                  {t('sample.wait')}
                </Button>
              )}
            </Group>
            {waitError ? (
              <Alert color="red" variant="light" p="xs">
                {errorMessage(waitError, t)}
              </Alert>
            ) : null}
            {sample ? (
              <Stack gap="xs" aria-label={t('sample.current')}>
                <Text size="sm" fw={500}>
                  {t('sample.params')}
                </Text>
                {params.length === 0 ? (
                  <Text size="xs" c="dimmed">
                    {t('sample.noParams')}
                  </Text>
                ) : (
                  <Table withTableBorder verticalSpacing={2} fz="xs">
                    <Table.Tbody>
                      {params.map(([name, value]) => (
                        <Table.Tr key={name}>
                          <Table.Td ff="monospace" w="40%">
                            {name}
                          </Table.Td>
                          <Table.Td ff="monospace">{formatParamValue(value)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {sample.request && (
                  <>
                    <Text size="sm" fw={500}>
                      {t('sample.request', { method: sample.request.method })}
                    </Text>
                    <RawRequestView request={sample.request} />
                  </>
                )}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('sample.noneLong')}
              </Text>
            )}
          </Stack>
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('sample.testTitle')}
            </Text>
            <TestRequestForm token={token} methods={methods} status={status} onDelivered={(id) => api.operation(id).then(onSample, setWaitError)} />
          </Stack>
        </SimpleGrid>
      </Collapse>
    </Card>
  );
}
