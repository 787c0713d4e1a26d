import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { TemplatedPair } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { TemplateInput } from './FieldPicker';
import { useIssue } from './issues';

function PairRow({ pair, index, path, nameLabel, valueLabel, onChange, onRemove }: {
  pair: TemplatedPair;
  index: number;
  path: string;
  nameLabel: string;
  valueLabel: string;
  onChange: (pair: TemplatedPair) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const nameIssue = useIssue(`${path}.${index}.name`);
  const valueIssue = useIssue(`${path}.${index}.value`);
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <TextInput
        aria-label={`${nameLabel} ${index + 1}`}
        placeholder={nameLabel}
        value={pair.name}
        onChange={(e) => onChange({ ...pair, name: e.currentTarget.value })}
        error={nameIssue}
        w="34%"
        size="sm"
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <TemplateInput
          label={undefined}
          aria-label={`${valueLabel} ${index + 1}`}
          placeholder={valueLabel}
          value={pair.value}
          onChange={(value) => onChange({ ...pair, value })}
          error={valueIssue}
          pickerLabel={t('picker.insertInto', { field: `${valueLabel} ${index + 1}` })}
        />
      </div>
      <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('common.removeItem', { item: `${nameLabel} ${index + 1}` })} onClick={onRemove}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}

/** Name/value rows (query, headers, form fields); values take references. */
export function PairsEditor({ label, pairs, onChange, path, nameLabel, valueLabel, addLabel, emptyText }: {
  label: string;
  pairs: TemplatedPair[];
  onChange: (pairs: TemplatedPair[]) => void;
  path: string;
  nameLabel: string;
  valueLabel: string;
  addLabel: string;
  emptyText?: string;
}) {
  const listIssue = useIssue(path);
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {pairs.length === 0 && emptyText && (
        <Text size="xs" c="dimmed">
          {emptyText}
        </Text>
      )}
      {pairs.map((pair, index) => (
        <PairRow
          key={index}
          pair={pair}
          index={index}
          path={path}
          nameLabel={nameLabel}
          valueLabel={valueLabel}
          onChange={(next) => onChange(pairs.map((p, i) => (i === index ? next : p)))}
          onRemove={() => onChange(pairs.filter((_, i) => i !== index))}
        />
      ))}
      {listIssue && (
        <Text size="xs" c="red">
          {listIssue}
        </Text>
      )}
      <Group>
        <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => onChange([...pairs, { name: '', value: '' }])}>
          {addLabel}
        </Button>
      </Group>
    </Stack>
  );
}
