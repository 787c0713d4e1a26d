import { Alert, NumberInput, Stack } from '@mantine/core';
import type { SendEmailSettings } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { TemplateInput } from './FieldPicker';
import { useIssue } from './issues';

export interface SendEmailFormProps {
  settings: SendEmailSettings;
  onChange: (settings: SendEmailSettings) => void;
  /** Where this step's settings sit in the saved document, e.g. `actions.3.settings`. */
  path: string;
}

/** A plain-text letter through the server's SMTP; every field takes `{{references}}`. */
export function SendEmailForm({ settings, onChange, path }: SendEmailFormProps) {
  const { t } = useTranslation();
  const issue = (field: string, deep = false) => useIssue(`${path}.${field}`, deep);
  const toIssue = issue('to');
  const subjectIssue = issue('subject');
  const bodyIssue = issue('body');
  const replyToIssue = issue('replyTo');
  const retryIssue = issue('retry', true);
  const set = <K extends keyof SendEmailSettings>(key: K, value: SendEmailSettings[K]) => onChange({ ...settings, [key]: value });
  return (
    <Stack gap="sm">
      <TemplateInput label={t('email.to')} description={t('email.toHint')} value={settings.to} onChange={(to) => set('to', to)} error={toIssue} placeholder="{{source.email}}, manager@example.ru" required />
      <TemplateInput label={t('email.subject')} value={settings.subject} onChange={(subject) => set('subject', subject)} error={subjectIssue} required />
      <TemplateInput label={t('email.body')} multiline value={settings.body} onChange={(body) => set('body', body)} error={bodyIssue} />
      <TemplateInput label={t('email.replyTo')} description={t('email.replyToHint')} value={settings.replyTo} onChange={(replyTo) => set('replyTo', replyTo)} error={replyToIssue} />
      <NumberInput
        label={t('email.attempts')}
        description={t('email.attemptsHint')}
        min={1}
        max={20}
        w={260}
        value={settings.retry.attempts}
        onChange={(value) => typeof value === 'number' && set('retry', { ...settings.retry, attempts: value })}
        error={retryIssue}
      />
      <Alert variant="light" color="gray" p="xs">
        {t('email.writeNote')}
      </Alert>
    </Stack>
  );
}
