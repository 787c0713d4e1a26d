import { Alert, Anchor, Collapse, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { describeStepError, type StepError, type StepErrorContext } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { JsonView } from './JsonView';

type RecordedError = StepError & { step?: string };

/** The error in the reader's language; `lang` is read from i18next so both stay in step. */
export function useStepErrorText(error: RecordedError, context?: StepErrorContext) {
  const { i18n } = useTranslation();
  const lang = (i18n.resolvedLanguage ?? i18n.language ?? 'en').startsWith('ru') ? 'ru' : 'en';
  return describeStepError(error, lang, context);
}

/** The technical side of an error (code, original message, details), one click away. */
export function ErrorDetails({ error }: { error: RecordedError }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  return (
    <Stack gap={4}>
      <Anchor component="button" type="button" size="xs" onClick={toggle} aria-expanded={opened} ta="left">
        {opened ? t('stepError.hideDetails') : t('stepError.details')}
      </Anchor>
      <Collapse expanded={opened}>
        <Stack gap={4} data-testid="error-details">
          <Text size="xs" c="dimmed">
            {t('step.errorCode', { code: error.code })}
          </Text>
          <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {error.message}
          </Text>
          {error.details !== undefined && <JsonView value={error.details} expandLevels={1} label={t('stepError.detailsLabel')} />}
        </Stack>
      </Collapse>
    </Stack>
  );
}

/** A failed step: what happened and what to do, in plain words; the technical detail behind "Подробности". */
export function StepErrorView({ error, context, title }: { error: RecordedError; context?: StepErrorContext; title?: string }) {
  const text = useStepErrorText(error, context);
  return (
    <Alert color="red" variant="light" p="xs" title={title ?? text.title} role="alert">
      <Stack gap={4}>
        {title && (
          <Text size="sm" fw={600}>
            {text.title}
          </Text>
        )}
        <Text size="sm">{text.hint}</Text>
        <ErrorDetails error={error} />
      </Stack>
    </Alert>
  );
}
