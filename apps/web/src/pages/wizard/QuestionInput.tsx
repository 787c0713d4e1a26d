import { PasswordInput, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import type { AnswerProblem, WizardQuestion } from '@provod/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalText } from './local-text';

interface Props {
  question: WizardQuestion;
  value: string;
  onChange: (value: string) => void;
  problem?: AnswerProblem;
  /** Saved secrets' names, for secret questions. */
  secrets: string[];
  savedSecret: string;
  onSavedSecret: (name: string) => void;
}

/** One question of a template's wizard, with its sentence of help; which control depends on its kind. */
export function QuestionInput({ question, value, onChange, problem, secrets, savedSecret, onSavedSecret }: Props) {
  const { t } = useTranslation();
  const local = useLocalText();
  const choiceLabel = useId();
  const label = local(question.label);
  const help = local(question.help);
  const error = problem ? t(`wizard.problems.${problem}`) : undefined;

  if (question.kind === 'choice') {
    return (
      <Stack gap={4}>
        <Text size="sm" fw={500} id={choiceLabel}>
          {label}
        </Text>
        <SegmentedControl
          aria-labelledby={choiceLabel}
          value={value || question.default}
          onChange={onChange}
          data={question.options.map((o) => ({ value: o.value, label: local(o.label) }))}
          style={{ alignSelf: 'flex-start' }}
        />
        <Text size="xs" c="dimmed">
          {help}
        </Text>
      </Stack>
    );
  }

  if (question.kind === 'secret') {
    return (
      <Stack gap={6}>
        {secrets.length > 0 && (
          <Select
            label={`${label}: ${t('wizard.secretSaved').toLowerCase()}`}
            description={t('wizard.secretSavedHelp')}
            data={[{ value: '', label: t('wizard.secretNew') }, ...secrets.map((name) => ({ value: name, label: name }))]}
            value={savedSecret}
            onChange={(next) => onSavedSecret(next ?? '')}
            allowDeselect={false}
          />
        )}
        {!savedSecret && (
          <PasswordInput
            label={label}
            description={help}
            placeholder={question.placeholder}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value)}
            error={error}
            required={!question.optional}
            autoComplete="off"
          />
        )}
      </Stack>
    );
  }

  return (
    <TextInput
      label={label}
      description={help}
      placeholder={question.placeholder ?? ('default' in question ? question.default : undefined)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required={!question.optional && !('default' in question && question.default)}
      inputMode={question.kind === 'number' ? 'numeric' : undefined}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
