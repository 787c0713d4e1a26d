import { ActionIcon, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { FILTER_BINARY_OPERATORS, FILTER_OPERATORS, type FilterCondition, type FilterSettings } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { newFilterCondition } from '../../actions';
import { TemplateInput } from './FieldPicker';
import { useIssue } from './issues';

export interface FilterFormProps {
  settings: FilterSettings;
  onChange: (settings: FilterSettings) => void;
  /** Where this step's settings sit in the saved document, e.g. `actions.3.settings`. */
  path: string;
}


function ConditionRow({ condition, index, path, onChange, onRemove, removable }: {
  condition: FilterCondition;
  index: number;
  path: string;
  onChange: (condition: FilterCondition) => void;
  onRemove: () => void;
  removable: boolean;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const leftIssue = useIssue(`${path}.conditions.${index}.left`);
  const rightIssue = useIssue(`${path}.conditions.${index}.right`);
  const binary = FILTER_BINARY_OPERATORS.includes(condition.operator);
  return (
    <Paper withBorder p="xs" radius="sm" role="group" aria-label={t('filter.condition', { n })}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <div style={{ flex: '2 1 14rem', minWidth: 0 }}>
          <TemplateInput size="xs" label={t('filter.left')} aria-label={t('filter.leftOf', { n })} value={condition.left} onChange={(left) => onChange({ ...condition, left })} error={leftIssue} placeholder="{{source.type_id}}" />
        </div>
        <Select
          size="xs"
          label={t('filter.operator')}
          aria-label={t('filter.operatorOf', { n })}
          data={FILTER_OPERATORS.map((op) => ({ value: op, label: t(`filter.op.${op}`) }))}
          value={condition.operator}
          onChange={(value) => value && onChange({ ...condition, operator: value as FilterCondition['operator'] })}
          allowDeselect={false}
          w={170}
        />
        {binary && (
          <div style={{ flex: '2 1 10rem', minWidth: 0 }}>
            <TemplateInput size="xs" label={t('filter.right')} aria-label={t('filter.rightOf', { n })} value={condition.right} onChange={(right) => onChange({ ...condition, right })} error={rightIssue} />
          </div>
        )}
        {binary && (
          <Select
            size="xs"
            label={t('filter.compareAs')}
            aria-label={t('filter.compareAsOf', { n })}
            data={[
              { value: 'text', label: t('filter.asText') },
              { value: 'number', label: t('filter.asNumber') },
            ]}
            value={condition.compareAs}
            onChange={(value) => value && onChange({ ...condition, compareAs: value as FilterCondition['compareAs'] })}
            allowDeselect={false}
            w={120}
          />
        )}
        <ActionIcon variant="subtle" color="gray" onClick={onRemove} disabled={!removable} aria-label={t('filter.removeCondition', { n })} mb={4}>
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/** Conditions on earlier values; when they do not hold the event ends as «Отфильтровано». */
export function FilterForm({ settings, onChange, path }: FilterFormProps) {
  const { t } = useTranslation();
  const listIssue = useIssue(`${path}.conditions`);
  const set = (conditions: FilterCondition[]) => onChange({ ...settings, conditions });
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <Text size="sm" fw={500} id={`${path}-match`}>
          {t('filter.match')}
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby={`${path}-match`}
          value={settings.match}
          onChange={(value) => onChange({ ...settings, match: value as FilterSettings['match'] })}
          data={[
            { value: 'all', label: t('filter.all') },
            { value: 'any', label: t('filter.any') },
          ]}
        />
      </Group>
      {settings.conditions.map((condition, index) => (
        <ConditionRow
          // Conditions have no id of their own; the position is what the issues refer to as well.
          key={index}
          condition={condition}
          index={index}
          path={path}
          removable={settings.conditions.length > 1}
          onChange={(next) => set(settings.conditions.map((c, i) => (i === index ? next : c)))}
          onRemove={() => set(settings.conditions.filter((_, i) => i !== index))}
        />
      ))}
      {listIssue && (
        <Text size="xs" c="red">
          {listIssue}
        </Text>
      )}
      <Group justify="space-between">
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set([...settings.conditions, newFilterCondition()])}>
          {t('filter.addCondition')}
        </Button>
        <Text size="xs" c="dimmed">
          {t('filter.hint')}
        </Text>
      </Group>
    </Stack>
  );
}
