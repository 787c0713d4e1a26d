import { Alert, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import type { StepResult } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration } from '../lib/format';
import { useLang } from '../lib/use-lang';
import { JsonView } from './JsonView';
import { StepStatusBadge } from './StatusBadge';

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

/** One step's input, output and error, as in the history and after a test run. */
export function StepResultView({ step, defaultTab }: { step: StepResult; defaultTab?: 'output' | 'input' }) {
  const { t } = useTranslation();
  const lang = useLang();
  const skippedWrite = step.status === 'skipped';
  const initial = defaultTab ?? (step.status === 'succeeded' ? 'output' : 'input');
  return (
    <Stack gap="xs">
      {step.error && (
        <Alert color="red" variant="light" p="xs" title={step.error.message} role="alert">
          <Text size="xs" c="dimmed">
            {t('step.errorCode', { code: step.error.code })}
          </Text>
          {step.error.details !== undefined && <JsonView value={step.error.details} expandLevels={1} />}
        </Alert>
      )}
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
                error: attempt.error.message,
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
          <JsonView value={step.output} expandLevels={3} label={t('step.output')} />
        </Tabs.Panel>
        <Tabs.Panel value="input" pt="xs">
          <JsonView value={step.input} label={t('step.input')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
