import { Select, Table, Text } from '@mantine/core';
import { conditionHolds, type WizardMapping } from '@provod/contracts';
import { useTranslation } from 'react-i18next';
import { useLocalText } from './local-text';

interface Props {
  mapping: WizardMapping;
  answers: Record<string, string>;
  value: Record<string, string>;
  onChange: (json: string, source: string) => void;
}

/** Mantine's Select cannot hold an empty value: "leave out" travels as this. */
const NONE = '__none__';

/** Destination field → what fills it, each picked from the template's list of source fields. */
export function MappingTable({ mapping, answers, value, onChange }: Props) {
  const { t } = useTranslation();
  const local = useLocalText();
  const sourceTitle = local(mapping.sourceTitle);
  return (
    <Table verticalSpacing={6} horizontalSpacing="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="38%">{local(mapping.targetTitle)}</Table.Th>
          <Table.Th>{sourceTitle}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {mapping.rows.map((row) => {
          const current = value[row.json] ?? '';
          // A source that does not fit the answers (a request-only field after choosing "lead") stays
          // visible while it is the one chosen, so nothing changes behind the user's back.
          const options = mapping.sources.filter((s) => s.value === current || conditionHolds(s.when, answers));
          const target = local(row.label);
          return (
            <Table.Tr key={row.json}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {target}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('wizard.mappingPick', { source: sourceTitle, target })}
                  data={options.map((s) => ({ value: s.value === '' ? NONE : s.value, label: local(s.label) }))}
                  value={current === '' ? NONE : current}
                  onChange={(next) => onChange(row.json, !next || next === NONE ? '' : next)}
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                  size="sm"
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
