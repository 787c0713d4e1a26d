import { Accordion, Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconArrowLeft, IconLink } from '@tabler/icons-react';
import { FINAL_OPERATION_STATUSES, type ActionType, type OperationStatus } from '@provod/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, keys } from '../../api/endpoints';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FilteredNote } from '../../components/FilteredNote';
import { HeldEventsBar } from '../../components/HeldEventsBar';
import { PageLoader } from '../../components/PageLoader';
import { RawRequestView } from '../../components/RawRequestView';
import { ReplayButton } from '../../components/ReplayControls';
import { OperationStatusBadge } from '../../components/StatusBadge';
import { StepErrorView } from '../../components/StepErrorView';
import { StepMeta, StepResultView } from '../../components/StepResultView';
import { formatDateTime, formatDuration, formatParamValue, operationDurationMs } from '../../lib/format';
import { useLang } from '../../lib/use-lang';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

/** A link in a replay or duplicate chain: just an id, or a small summary. */
type OperationLink = string | { id: string; status?: OperationStatus; receivedAt?: string };

function linkOf(link: OperationLink): { id: string; status?: OperationStatus; receivedAt?: string } {
  return typeof link === 'string' ? { id: link } : link;
}

function ChainLink({ link }: { link: OperationLink }) {
  const lang = useLang();
  const { t } = useTranslation();
  const { id, status, receivedAt } = linkOf(link);
  return (
    <Group gap={6}>
      <IconLink size={14} />
      <Anchor component={Link} to={`/operations/${id}`} size="sm">
        {receivedAt ? formatDateTime(receivedAt, lang, true) : t('operation.linkId', { id: id.slice(0, 8) })}
      </Anchor>
      {status && <OperationStatusBadge status={status} />}
    </Group>
  );
}

export default function OperationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const operation = useQuery({
    queryKey: keys.operation(id),
    queryFn: () => api.operation(id),
    // Follows an operation that is still running until it settles.
    refetchInterval: (query) => (query.state.data && !FINAL_OPERATION_STATUSES.includes(query.state.data.status) && query.state.data.status !== 'held' ? 2000 : false),
  });
  const op = operation.data;
  useDocumentTitle(`${t('operation.title')} · Provod`);
  const processing = useQuery({ queryKey: keys.processing(op?.processingId ?? ''), queryFn: () => api.processing(op?.processingId ?? ''), enabled: Boolean(op) });

  if (operation.isPending) return <PageLoader />;
  if (operation.isError || !op) return <ErrorAlert error={operation.error} onRetry={() => void operation.refetch()} />;

  const failedIndex = op.steps.findIndex((s) => s.status === 'failed');
  const failedStep = failedIndex >= 0 ? op.steps[failedIndex] : undefined;
  const actions = processing.data?.actions ?? [];
  const actionOf = (actionId: string) => actions.find((action) => action.id === actionId);
  const openSteps = op.steps.length <= 4 ? op.steps.map((s) => s.actionId + s.startedAt) : failedStep ? [failedStep.actionId + failedStep.startedAt] : [];

  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/processings/${op.processingId}/history`} aria-label={t('operation.back')} c="dimmed">
            <IconArrowLeft size={20} />
          </Anchor>
          <div>
            <Text size="xs" c="dimmed">
              {processing.data ? (
                <Anchor component={Link} to={`/processings/${op.processingId}/history`} size="xs">
                  {processing.data.name}
                </Anchor>
              ) : (
                t('operation.title')
              )}
            </Text>
            <Group gap="sm" wrap="wrap">
              <Title order={1} size="h3">
                {t('operation.heading', { time: formatDateTime(op.receivedAt, lang, true) })}
              </Title>
              <OperationStatusBadge status={op.status} />
            </Group>
          </div>
        </Group>
        {(op.status === 'failed' || op.status === 'succeeded' || op.status === 'filtered') && (
          <ReplayButton
            operationId={op.id}
            processingId={op.processingId}
            originalVersion={op.processingVersion}
            size="sm"
            openAfter
            succeeded={op.status === 'succeeded'}
            replayed={(op.replays?.length ?? 0) > 0}
          />
        )}
      </Group>

      {op.status === 'held' && processing.data && <HeldEventsBar processing={processing.data} single />}
      {op.status === 'filtered' && <FilteredNote steps={op.steps} />}

      {op.error && (
        <StepErrorView
          error={op.error}
          title={op.error.step ? t('operation.failedAt', { step: op.error.step }) : t('operation.failed')}
          context={{
            ...(failedStep ? { step: failedStep.name, type: failedStep.type, input: failedStep.input } : {}),
            ...(failedStep && actionOf(failedStep.actionId) ? { settings: actionOf(failedStep.actionId)?.settings } : {}),
          }}
        />
      )}

      <Card withBorder radius="md" padding="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="md">
          <Fact label={t('operation.received')}>{formatDateTime(op.receivedAt, lang, true)}</Fact>
          <Fact label={t('operation.started')}>{formatDateTime(op.startedAt, lang, true)}</Fact>
          <Fact label={t('operation.finished')}>{formatDateTime(op.finishedAt, lang, true)}</Fact>
          <Fact label={t('operation.duration')}>{formatDuration(operationDurationMs(op.startedAt, op.finishedAt), t, lang)}</Fact>
          <Fact label={t('operation.version')}>{op.processingVersion}</Fact>
          <Fact label={t('operation.attempts')}>{op.attempts}</Fact>
        </SimpleGrid>
        <Group gap="lg" mt="sm">
          <Fact label={t('operation.params')}>
            <Text size="sm" ff="monospace">
              {Object.entries(op.params ?? {})
                .map(([k, v]) => `${k}=${formatParamValue(v)}`)
                .join(', ') || '—'}
            </Text>
          </Fact>
          {op.replayOf && (
            <Fact label={t('operation.replayOf')}>
              <ChainLink link={op.replayOf} />
            </Fact>
          )}
          {op.duplicateOf && (
            <Fact label={t('operation.duplicateOf')}>
              <ChainLink link={op.duplicateOf} />
            </Fact>
          )}
          {op.replays && op.replays.length > 0 && (
            <Fact label={t('operation.replays')}>
              <Stack gap={2}>
                {op.replays.map((link) => (
                  <ChainLink key={linkOf(link).id} link={link} />
                ))}
              </Stack>
            </Fact>
          )}
        </Group>
      </Card>

      <Card withBorder radius="md" padding="md" component="section" aria-labelledby="raw-request">
        <Title order={2} size="h5" id="raw-request" mb="xs">
          {t('operation.request', { method: op.request?.method ?? '' })}
        </Title>
        {op.request ? <RawRequestView request={op.request} /> : <Text size="sm">—</Text>}
      </Card>

      <section aria-labelledby="steps-title">
        <Title order={2} size="h5" id="steps-title" mb="xs">
          {t('operation.steps')}
        </Title>
        {op.steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {op.status === 'held' ? t('operation.heldNoSteps') : t('operation.noSteps')}
          </Text>
        ) : (
          <Accordion multiple defaultValue={openSteps} variant="separated" radius="md">
            {op.steps.map((step, index) => (
              <Accordion.Item key={step.actionId + step.startedAt} value={step.actionId + step.startedAt} data-step={step.key}>
                <Accordion.Control>
                  <Group justify="space-between" gap={4} pr="sm">
                    <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                      <Text size="sm" c="dimmed">
                        {index + 1}.
                      </Text>
                      <Text size="sm" fw={600}>
                        {step.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t(`actionType.${step.type as ActionType}`, { defaultValue: step.type })}
                      </Text>
                    </Group>
                    <StepMeta step={step} />
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <StepResultView step={step} action={actionOf(step.actionId)} actions={actions} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )}
      </section>
    </Stack>
  );
}
