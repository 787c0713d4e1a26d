import { Box, Select, SimpleGrid, Stack, Text } from '@mantine/core';
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
    <Stack gap={0}>
      {/* Two columns where there is room; on a phone each field's label sits above its list. */}
      <SimpleGrid cols={2} spacing="sm" visibleFrom="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="sm" fw={700}>
          {local(mapping.targetTitle)}
        </Text>
        <Text size="sm" fw={700}>
          {sourceTitle}
        </Text>
      </SimpleGrid>
      {mapping.rows.map((row) => {
        const current = value[row.json] ?? '';
        // A source that does not fit the answers (a request-only field after choosing "lead") stays
        // visible while it is the one chosen, so nothing changes behind the user's back.
        const options = mapping.sources.filter((s) => s.value === current || conditionHolds(s.when, answers));
        const target = local(row.label);
        return (
          <SimpleGrid
            key={row.json}
            cols={{ base: 1, sm: 2 }}
            spacing={4}
            verticalSpacing={4}
            py={8}
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)', alignItems: 'center' }}
          >
            <Box>
              <Text size="sm" fw={500}>
                {target}
              </Text>
            </Box>
            <Select
              aria-label={t('wizard.mappingPick', { source: sourceTitle, target })}
              data={options.map((s) => ({ value: s.value === '' ? NONE : s.value, label: local(s.label) }))}
              value={current === '' ? NONE : current}
              onChange={(next) => onChange(row.json, !next || next === NONE ? '' : next)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              size="sm"
            />
          </SimpleGrid>
        );
      })}
    </Stack>
  );
}
