import { Alert, Anchor, Badge, Collapse, Group, List, Stack, Tabs, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { describeStepError, type Action, type StepResult } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { recordedShapesOf, resultLinesOf } from '../actions';
import { formatDateTime, formatDuration } from '../lib/format';
import { useLang } from '../lib/use-lang';
import { JsonView } from './JsonView';
import { orderLike } from './key-order';
import { StepStatusBadge } from './StatusBadge';
import { StepErrorView } from './StepErrorView';

export function StepMeta({ step }: { step: StepResult }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Group gap="xs">
      <StepStatusBadge status={step.status} />
      <Text size="xs" c="dimmed">
        {formatDuration(step.durationMs, t, lang)}
      </Text>
      {step.attempt > 1 && (
        <Badge size="xs" variant="outline" color="gray">
          {t('step.attempt', { n: step.attempt })}
        </Badge>
      )}
    </Group>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Transport headers (date, server, content-length…) say little to a person: they wait behind a click. */
function WithHeaders({ value, label, expandLevels }: { value: unknown; label: string; expandLevels?: number }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const headers = isRecord(value) && isRecord(value['headers']) ? value['headers'] : undefined;
  if (!headers || !isRecord(value)) return <JsonView value={value} expandLevels={expandLevels} label={label} />;
  const rest = Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'headers'));
  const count = Object.keys(headers).length;
  return (
    <Stack gap={4}>
      <JsonView value={rest} expandLevels={expandLevels} label={label} />
      {count > 0 && (
        <>
          <Anchor component="button" type="button" size="xs" onClick={toggle} aria-expanded={opened} ta="left">
            {opened ? t('step.hideHeaders') : t('step.showHeaders', { count })}
          </Anchor>
          <Collapse expanded={opened}>
            <JsonView value={headers} expandLevels={1} label={t('step.headers')} />
          </Collapse>
        </>
      )}
    </Stack>
  );
}

/** The step in words a non-developer reads, above the raw JSON. */
export function StepSummary({ step }: { step: StepResult }) {
  const { t } = useTranslation();
  const lang = useLang();
  const lines = resultLinesOf(step, t, lang);
  if (!lines.length) return null;
  return (
    <List size="sm" spacing={2} listStyleType="none" aria-label={t('step.summary')} data-testid="step-summary">
      {lines.map((line) => (
        <List.Item key={line}>{line}</List.Item>
      ))}
    </List>
  );
}

/**
 * One step's summary, input, output and error, as in the history and after a test run. With the
 * step's definition (`action`, and the others for references) keys follow the template's order and
 * errors can name the secret to check.
 */
export function StepResultView({ step, defaultTab, action, actions = [] }: {
  step: StepResult;
  defaultTab?: 'output' | 'input';
  action?: Action;
  actions?: readonly Action[];
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const errorLang = (i18n.resolvedLanguage ?? i18n.language ?? 'en').startsWith('ru') ? 'ru' : 'en';
  const skippedWrite = step.status === 'skipped';
  const initial = defaultTab ?? (step.status === 'succeeded' ? 'output' : 'input');
  const shapes = recordedShapesOf(action, actions);
  const output = orderLike(step.output, shapes.output);
  const input = orderLike(step.input, shapes.input);
  const context = { step: step.name, type: step.type, input: step.input, ...(action ? { settings: action.settings } : {}) };
  return (
    <Stack gap="xs">
      <StepSummary step={{ ...step, input, output }} />
      {step.error && <StepErrorView error={step.error} context={context} />}
      {step.status === 'retrying' && (
        <Alert color="orange" variant="light" p="xs">
          {step.nextAttemptAt ? t('step.retryAt', { time: formatDateTime(step.nextAttemptAt, lang, true) }) : t('step.retrySoon')}
        </Alert>
      )}
      {step.previousAttempts && step.previousAttempts.length > 0 && (
        <Stack gap={2} aria-label={t('step.previousAttempts')}>
          <Text size="xs" fw={600}>
            {t('step.previousAttempts')}
          </Text>
          {step.previousAttempts.map((attempt) => (
            <Text size="xs" key={attempt.attempt} c="dimmed">
              {t('step.attemptLine', {
                n: attempt.attempt,
                time: formatDateTime(attempt.startedAt, lang, true),
                error: describeStepError(attempt.error, errorLang, context).title,
                delay: formatDuration(attempt.retryDelayMs, t, lang),
              })}
            </Text>
          ))}
        </Stack>
      )}
      {skippedWrite && (
        <Alert color="gray" variant="light" p="xs">
          {t('step.skipped')}
        </Alert>
      )}
      {step.unresolved && step.unresolved.length > 0 && (
        <Alert color="orange" variant="light" p="xs">
          {t('step.unresolved', { refs: step.unresolved.join(', ') })}
        </Alert>
      )}
      <Tabs defaultValue={initial} keepMounted={false} variant="outline">
        <Tabs.List>
          <Tabs.Tab value="output" disabled={step.output === undefined}>
            {t('step.output')}
          </Tabs.Tab>
          <Tabs.Tab value="input">{skippedWrite ? t('step.wouldSend') : t('step.input')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="output" pt="xs">
          <WithHeaders value={output} expandLevels={3} label={t('step.output')} />
        </Tabs.Panel>
        <Tabs.Panel value="input" pt="xs">
          <WithHeaders value={input} expandLevels={4} label={t('step.input')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
