import { Alert, List, Text } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import type { FilterConditionResult, StepResult } from '@provod/contracts';
import { useTranslation } from 'react-i18next';

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  return typeof value === 'string' ? `«${value}»` : JSON.stringify(value);
}

/** Why an event ended as «Отфильтровано»: the filter step and each condition that did not hold, with the values it compared. */
export function FilteredNote({ steps }: { steps: readonly StepResult[] }) {
  const { t } = useTranslation();
  const step = steps.find((s) => s.halted === 'filtered');
  if (!step) return null;
  const failed = (step.output as { failed?: FilterConditionResult[] } | null)?.failed ?? [];
  return (
    <Alert color="cyan" variant="light" icon={<IconFilter size={18} />} title={t('filterNote.title', { step: step.name })}>
      <Text size="sm">{t('filterNote.text')}</Text>
      {failed.length > 0 && (
        <List size="sm" mt={6}>
          {failed.map((c) => (
            <List.Item key={c.index}>
              {t('filterNote.condition', {
                n: c.index + 1,
                left: shown(c.left),
                operator: t(`filter.op.${c.operator}`),
                right: c.right === undefined ? '' : shown(c.right),
              }).trim()}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
