import { ActionIcon, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import type { JsonParserSettings, ParserField } from '@provod/contracts';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { getAt, previewValue } from '../../lib/references';
import { inputEntries, nameFromSegments, parsePath, shownPath } from './parser-paths';
import { ChooseFieldsButton } from './ChooseFieldsButton';
import { TemplateInput } from './FieldPicker';
import { useIssue } from './issues';
import { PickerDataContext, PickerPositionContext, resolveReference, type PickerEntry } from './picker-data';

const CASTS = ['none', 'string', 'number', 'boolean', 'json'] as const;

function defaultText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function FieldRow({ field, index, path, entries, sample, onChange, onRemove }: {
  field: ParserField;
  index: number;
  path: string;
  entries: PickerEntry[];
  sample: unknown;
  onChange: (field: ParserField) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const nameIssue = useIssue(`${path}.fields.${index}.name`);
  const pathIssue = useIssue(`${path}.fields.${index}.path`);
  const defaultIssue = useIssue(`${path}.fields.${index}.default`);
  const castIssue = useIssue(`${path}.fields.${index}.cast`);
  const otherIssue = defaultIssue ?? castIssue;
  const segments = parsePath(field.path);
  const found = sample !== undefined && segments ? getAt(sample, segments) : undefined;
  const n = index + 1;
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('parser.fieldName', { n })}
          value={field.name}
          onChange={(e) => onChange({ ...field, name: e.currentTarget.value })}
          error={nameIssue}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      </Table.Td>
      <Table.Td>
        <TemplateInput
          size="xs"
          label={undefined}
          aria-label={t('parser.fieldPath', { n })}
          value={shownPath(field.path)}
          onChange={(value) => onChange({ ...field, path: value })}
          entries={entries}
          onPicked={(entry) => {
            const picked = parsePath(entry.insert);
            onChange({ ...field, path: entry.insert, name: field.name || (picked ? nameFromSegments(picked) : field.name) });
          }}
          pickerLabel={t('parser.pickPath', { n })}
          placeholder="[request][0][id]"
          error={pathIssue}
        />
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace" c={found === undefined ? 'dimmed' : undefined} truncate="end" maw={180} title={found === undefined ? undefined : JSON.stringify(found)} aria-label={t('parser.sampleOf', { n })}>
          {found === undefined ? (sample === undefined ? '' : t('parser.notFound')) : previewValue(found, 40)}
        </Text>
      </Table.Td>
      <Table.Td ta="center">
        <Checkbox aria-label={t('parser.fieldRequired', { n })} checked={field.required} onChange={(e) => onChange({ ...field, required: e.currentTarget.checked })} />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('parser.fieldDefault', { n })}
          value={defaultText(field.default)}
          onChange={(e) => onChange({ ...field, default: e.currentTarget.value === '' ? undefined : e.currentTarget.value })}
          error={otherIssue}
        />
      </Table.Td>
      <Table.Td>
        <Select
          size="xs"
          aria-label={t('parser.fieldCast', { n })}
          data={CASTS.map((c) => ({ value: c, label: t(`parser.cast.${c}`) }))}
          value={field.cast ?? 'none'}
          onChange={(cast) => cast && onChange({ ...field, cast: cast as ParserField['cast'] })}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="gray" aria-label={t('parser.removeField', { n, name: field.name || n })} onClick={onRemove}>
          <IconX size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

export interface JsonParserFormProps {
  settings: JsonParserSettings;
  onChange: (settings: JsonParserSettings) => void;
  path: string;
}

export function JsonParserForm({ settings, onChange, path }: JsonParserFormProps) {
  const { t } = useTranslation();
  const data = useContext(PickerDataContext);
  const position = useContext(PickerPositionContext);
  const inputIssue = useIssue(`${path}.input`);
  const fieldsIssue = useIssue(`${path}.fields`);
  const sample = resolveReference(data, position, settings.input);
  const entries = sample === undefined ? [] : inputEntries(sample, settings.input.replace(/^\{\{\s*|(?<!\s)\s*\}\}$/g, ''));
  const fields = settings.fields;
  const setFields = (next: ParserField[]) => onChange({ ...settings, fields: next });

  return (
    <Stack gap="md">
      <TemplateInput
        label={t('parser.input')}
        description={t('parser.inputHint', { example: '{{fetch_request.body}}' })}
        value={settings.input}
        onChange={(input) => onChange({ ...settings, input })}
        error={inputIssue}
        required
      />
      <Stack gap={6}>
        <Group justify="space-between">
          <Text size="sm" fw={500} id={`${path}-fields`}>
            {t('parser.fields')}
          </Text>
          <ChooseFieldsButton
            entries={entries}
            existing={fields}
            onAdd={(added) => setFields([...fields, ...added])}
          />
        </Group>
        {sample === undefined && (
          <Text size="xs" c="dimmed">
            {t('parser.noSample')}
          </Text>
        )}
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={4} horizontalSpacing="sm" aria-labelledby={`${path}-fields`} layout="fixed" className="parser-fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="20%">{t('parser.colName')}</Table.Th>
                <Table.Th>{t('parser.colPath')}</Table.Th>
                <Table.Th w="17%">{t('parser.colSample')}</Table.Th>
                <Table.Th w={104} ta="center" style={{ whiteSpace: 'normal' }}>
                  {t('parser.colRequired')}
                </Table.Th>
                <Table.Th w="12%">{t('parser.colDefault')}</Table.Th>
                <Table.Th w={130}>{t('parser.colCast')}</Table.Th>
                <Table.Th w={40}>
                  <span className="visually-hidden">{t('common.remove')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field, index) => (
                <FieldRow
                  key={index}
                  field={field}
                  index={index}
                  path={path}
                  entries={entries}
                  sample={sample}
                  onChange={(next) => setFields(fields.map((f, i) => (i === index ? next : f)))}
                  onRemove={() => setFields(fields.filter((_, i) => i !== index))}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {fields.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('parser.empty')}
          </Text>
        )}
        {fieldsIssue && (
          <Text size="xs" c="red">
            {fieldsIssue}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setFields([...fields, { name: '', path: '', required: false, cast: 'none' }])}>
            {t('parser.addField')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}
