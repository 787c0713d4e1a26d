import { Button, Checkbox, Group, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconListCheck, IconSearch } from '@tabler/icons-react';
import type { ParserField } from '@provod/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { previewValue } from '../../lib/references';
import { nameFromSegments, parsePath, shownPath } from './parser-paths';
import type { PickerEntry } from './picker-data';

/** Ticks several fields of the sample at once: a U-ON request has a hundred keys and a lead needs sixteen. */
export function ChooseFieldsButton({ entries, existing, onAdd }: { entries: PickerEntry[]; existing: ParserField[]; onAdd: (fields: ParserField[]) => void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const taken = new Set(existing.map((f) => shownPath(f.path)));
  const leaves = entries.filter((e) => !e.container);
  const q = query.trim().toLowerCase();
  const shown = q ? leaves.filter((e) => e.label.toLowerCase().includes(q) || previewValue(e.value, 200).toLowerCase().includes(q)) : leaves;

  const add = () => {
    const names = new Set(existing.map((f) => f.name));
    const fields: ParserField[] = [];
    for (const path of chosen) {
      const segments = parsePath(path) ?? [];
      let name = nameFromSegments(segments);
      for (let n = 2; names.has(name); n++) name = `${nameFromSegments(segments)}_${n}`;
      names.add(name);
      fields.push({ name, path, required: false, cast: 'none' });
    }
    onAdd(fields);
    setChosen([]);
    setOpened(false);
  };

  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconListCheck size={14} />} disabled={leaves.length === 0} onClick={() => setOpened(true)}>
        {t('parser.choose')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('parser.chooseTitle')} size="lg">
        <Stack gap="sm">
          <TextInput leftSection={<IconSearch size={14} />} placeholder={t('picker.search')} aria-label={t('picker.search')} value={query} onChange={(e) => setQuery(e.currentTarget.value)} data-autofocus />
          <ScrollArea.Autosize mah={420} type="auto">
            <Checkbox.Group value={chosen} onChange={setChosen} aria-label={t('parser.chooseTitle')}>
              <Stack gap={4}>
                {shown.map((entry) => (
                  <Checkbox
                    key={entry.id}
                    value={entry.insert}
                    disabled={taken.has(entry.insert)}
                    label={
                      <Group gap="sm" wrap="nowrap">
                        <Text size="sm" ff="monospace">
                          {entry.label}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end" maw={220}>
                          {previewValue(entry.value)}
                        </Text>
                      </Group>
                    }
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={add} disabled={chosen.length === 0}>
              {t('parser.addChosen', { count: chosen.length })}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
