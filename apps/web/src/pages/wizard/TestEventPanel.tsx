import { Alert, Anchor, Button, Collapse, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { conditionHolds, getPath, type ProcessingView, type TemplateFile } from '@provod/contracts';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, keys, webhookUrl } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JsonView } from '../../components/JsonView';
import { OperationStatusBadge } from '../../components/StatusBadge';
import { StepErrorView } from '../../components/StepErrorView';
import { useLocalText } from './local-text';

const FINAL = new Set(['succeeded', 'failed', 'discarded', 'duplicate', 'held']);

interface Props {
  file: TemplateFile;
  processing: ProcessingView;
  answers: Record<string, string>;
}

/**
 * "Send a test event": reads one real record through a test run (which describes writes instead of
 * sending them), shows what would be sent, and only on confirmation sends a real event through the
 * webhook, so it runs like any other and shows in the history.
 */
export function TestEventPanel({ file, processing, answers }: Props) {
  const { t } = useTranslation();
  const local = useLocalText();
  const client = useQueryClient();
  const { testEvent, mapping } = file.wizard;
  const [number, setNumber] = useState('');
  const [missing, setMissing] = useState(false);
  const [rawOpened, raw] = useDisclosure(false);

  const query = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const q of testEvent.query) if (!(q.name in out) && conditionHolds(q.when, answers)) out[q.name] = q.value;
    if (testEvent.param) out[testEvent.param.name] = number.trim();
    return out;
  };

  const read = useMutation({
    mutationFn: () => api.test(processing.id, { sample: { request: { method: 'GET', query: query(), headers: {}, body: null } } }),
  });
  const send = useMutation({
    mutationFn: async () => {
      if (processing.status !== 'running') await api.start(processing.id);
      const res = await fetch(`${webhookUrl(processing.webhookToken)}?${new URLSearchParams(query())}`);
      const body = (await res.json().catch(() => null)) as { operationId?: string; message?: string } | null;
      if (!res.ok || !body?.operationId) throw new Error(body?.message ?? t('errors.http', { status: res.status }));
      return body.operationId;
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: keys.processing(processing.id) });
      void client.invalidateQueries({ queryKey: keys.processings });
    },
  });
  const operation = useQuery({
    queryKey: keys.operation(send.data ?? ''),
    queryFn: () => api.operation(send.data!),
    enabled: Boolean(send.data),
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.status) ? false : 1000),
  });

  const startRead = () => {
    if (testEvent.param && !number.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    send.reset();
    read.mutate();
  };

  const result = read.data;
  const writeStep = result?.steps.find((s) => s.key === testEvent.write);
  const wouldSend = (writeStep?.output as { request?: { body?: unknown; url?: string } } | null)?.request;
  const composed = mapping ? result?.steps.find((s) => s.key === mapping.action)?.output : undefined;
  const readyToSend = result?.status === 'succeeded' && writeStep !== undefined;
  const shownText = testEvent.showText ? getPath(wouldSend?.body, testEvent.showText) : undefined;

  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'lg' }}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('wizard.testTitle')}
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            startRead();
          }}
        >
          <Group align="flex-end" gap="sm">
            {testEvent.param ? (
              <TextInput
                label={local(testEvent.param.label, answers)}
                description={local(testEvent.param.help, answers)}
                placeholder={testEvent.param.placeholder}
                value={number}
                onChange={(e) => setNumber(e.currentTarget.value)}
                error={missing ? t('wizard.problems.required') : undefined}
                inputMode="numeric"
                style={{ flex: '1 1 240px' }}
              />
            ) : (
              <Text size="sm" c="dimmed" style={{ flex: '1 1 240px' }}>
                {t('wizard.testHelpNoParam')}
              </Text>
            )}
            <Button type="submit" variant="light" loading={read.isPending}>
              {t('wizard.sendTest')}
            </Button>
          </Group>
        </form>
        <ErrorAlert error={read.error} />

        {result && result.status !== 'succeeded' && result.error && (
          <StepErrorView error={{ ...result.error, code: result.error.code ?? 'unknown' }} title={t('wizard.testFailed', { step: result.error.step ?? '' })} />
        )}

        {readyToSend && (
          <Stack gap="xs" data-testid="test-preview">
            <Text fw={600}>{t('wizard.previewTitle')}</Text>
            {typeof shownText === 'string' && (
              <Paper withBorder radius="md" p="sm" bg="var(--mantine-color-gray-light)" aria-label={t('wizard.previewMessage')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {shownText}
                </Text>
              </Paper>
            )}
            {mapping && composed !== undefined && typeof shownText !== 'string' && (
              <Table verticalSpacing={4} layout="fixed" aria-label={t('wizard.previewTitle')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="38%">{t('wizard.previewField')}</Table.Th>
                    <Table.Th>{t('wizard.previewValue')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {mapping.rows.map((row) => {
                    const value = getPath(composed, row.json);
                    const shown = value === undefined || value === null || value === '' ? null : typeof value === 'string' ? value : JSON.stringify(value);
                    return (
                      <Table.Tr key={row.json}>
                        <Table.Td>
                          <Text size="sm">{local(row.label)}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" c={shown === null ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                            {shown ?? t('wizard.previewEmpty')}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            )}
            <Anchor component="button" type="button" size="sm" onClick={raw.toggle} aria-expanded={rawOpened} ta="left">
              {t('wizard.previewRaw')}
            </Anchor>
            <Collapse expanded={rawOpened || !mapping}>
              <JsonView value={wouldSend?.body ?? wouldSend ?? null} label={t('wizard.previewRaw')} />
            </Collapse>

            {!send.data && (
              <Stack gap={4}>
                <Group>
                  <Button color="teal" onClick={() => send.mutate()} loading={send.isPending}>
                    {processing.status === 'running' ? t('wizard.confirmSend') : t('wizard.confirmStartSend')}
                  </Button>
                </Group>
                <Text size="xs" c="dimmed">
                  {processing.status === 'running' ? t('wizard.confirmHint') : `${t('wizard.confirmStartHint')} ${t('wizard.confirmHint')}`}
                </Text>
              </Stack>
            )}
          </Stack>
        )}
        <ErrorAlert error={send.error} />

        {send.data && (
          <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title={t('wizard.sent')}>
            <Stack gap={6}>
              <Group gap="xs">
                <Text size="sm">{t('wizard.eventStatus')}</Text>
                {operation.data ? <OperationStatusBadge status={operation.data.status} /> : <Text size="sm">…</Text>}
                <Anchor component={Link} to={`/operations/${send.data}`} size="sm">
                  {t('wizard.openEvent')}
                </Anchor>
              </Group>
              {operation.data?.status === 'failed' && operation.data.error && <StepErrorView error={operation.data.error} />}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
