import { ActionIcon, Box, Group, Popover, ScrollArea, Stack, Text, TextInput, Textarea, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBraces, IconSearch } from '@tabler/icons-react';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { previewValue } from '../../lib/references';
import { usePickerEntries, type PickerEntry } from './picker-data';

/** Arrow keys walk the options, as in any list box; Tab still leaves. */
function moveFocus(event: KeyboardEvent<HTMLElement>, container: HTMLElement | null) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const options = Array.from(container?.querySelectorAll<HTMLElement>('[data-picker-option]') ?? []);
  if (options.length === 0) return;
  event.preventDefault();
  const index = options.indexOf(document.activeElement as HTMLElement);
  const next = event.key === 'ArrowDown' ? (index + 1) % options.length : index <= 0 ? options.length - 1 : index - 1;
  options[next]?.focus();
}

export interface FieldPickerProps {
  entries: PickerEntry[];
  onPick: (entry: PickerEntry) => void;
  /** Accessible name of the button, e.g. "Insert a value into URL". */
  label: string;
  /** Shown when no entry has a sample value yet. */
  hint?: ReactNode;
}

/**
 * Lists every value available at this point (webhook parameters, the raw request, earlier steps'
 * outputs, secrets) as `Step name [field]` with its sample value, and hands back the chosen one.
 */
export function FieldPicker({ entries, onPick, label, hint }: FieldPickerProps) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [query, setQuery] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const listId = useId();
  const q = query.trim().toLowerCase();
  const filtered = q
    ? entries.filter((e) => e.label.toLowerCase().includes(q) || e.insert.toLowerCase().includes(q) || previewValue(e.value, 200).toLowerCase().includes(q))
    : entries;
  const groups: { name: string; entries: PickerEntry[] }[] = [];
  for (const entry of filtered) {
    const last = groups[groups.length - 1];
    if (last && last.name === entry.group) last.entries.push(entry);
    else groups.push({ name: entry.group, entries: [entry] });
  }
  const noValues = entries.every((e) => !e.hasValue || e.id.startsWith('secret:'));

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={480}
      position="bottom-end"
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
      onClose={() => setQuery('')}
    >
      <Popover.Target>
        <Tooltip label={t('picker.open')} withArrow openDelay={400}>
          <ActionIcon variant="light" color="indigo" aria-label={label} aria-expanded={opened} aria-haspopup="dialog" onClick={() => setOpened((o) => !o)}>
            <IconBraces size={16} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p="xs" role="dialog" aria-label={label}>
        <Stack gap={6} ref={list} onKeyDown={(event) => moveFocus(event, list.current)}>
          <TextInput
            size="xs"
            leftSection={<IconSearch size={14} />}
            placeholder={t('picker.search')}
            aria-label={t('picker.search')}
            aria-controls={listId}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            data-autofocus
          />
          <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
            <div id={listId} role="list">
              {groups.length === 0 && (
                <Text size="sm" c="dimmed" p="xs">
                  {entries.length === 0 ? t('picker.nothing') : t('picker.noMatch')}
                </Text>
              )}
              {groups.map((group) => (
                <Box key={group.name} mb={6} role="group" aria-label={group.name}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={6} py={2}>
                    {group.name}
                  </Text>
                  {group.entries.map((entry) => (
                    <UnstyledButton
                      key={entry.id}
                      className="picker-option"
                      data-picker-option
                      role="listitem"
                      title={entry.insert}
                      onClick={() => {
                        onPick(entry);
                        setOpened(false);
                      }}
                    >
                      <Group justify="space-between" wrap="nowrap" gap="sm">
                        <Text size="sm" className="picker-label" truncate="end">
                          {entry.label}
                        </Text>
                        <Text size="xs" c={entry.hasValue ? 'dimmed' : 'gray.5'} ff="monospace" truncate="end" maw={170} className="picker-value">
                          {entry.hasValue ? (entry.id.startsWith('secret:') ? String(entry.value) : previewValue(entry.value)) : t('picker.noValue')}
                        </Text>
                      </Group>
                    </UnstyledButton>
                  ))}
                </Box>
              ))}
            </div>
          </ScrollArea.Autosize>
          {noValues && entries.length > 0 && (
            <Text size="xs" c="dimmed" px={6}>
              {hint ?? t('picker.hint')}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

export interface TemplateInputProps {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  required?: boolean;
  multiline?: boolean;
  /** Overrides the picker's list (the parser's path column lists places inside its input instead). */
  entries?: PickerEntry[];
  /** Takes over what picking does (a parser path replaces the whole value and may name the field). */
  onPicked?: (entry: PickerEntry) => void;
  pickerLabel?: string;
  size?: 'xs' | 'sm';
  'aria-label'?: string;
}

/** A text field that takes `{{references}}`; the braces button beside it inserts one at the cursor. */
export function TemplateInput(props: TemplateInputProps) {
  const { t } = useTranslation();
  const contextEntries = usePickerEntries();
  const entries = props.entries ?? contextEntries;
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // Before the field was ever focused, "the cursor" means the end of the text.
  const touched = useRef(false);
  const insert = (entry: PickerEntry) => {
    if (props.onPicked) {
      props.onPicked(entry);
      return;
    }
    const text = entry.insert;
    const el = input.current;
    const start = touched.current && el?.selectionStart != null ? el.selectionStart : props.value.length;
    const end = touched.current && el?.selectionEnd != null ? el.selectionEnd : props.value.length;
    props.onChange(props.value.slice(0, start) + text + props.value.slice(end));
    const caret = start + text.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  const labelText = typeof props.label === 'string' ? props.label : (props['aria-label'] ?? '');
  const picker = (
    <FieldPicker entries={entries} onPick={insert} label={props.pickerLabel ?? t('picker.insertInto', { field: labelText || props['aria-label'] || '' })} />
  );
  const common = {
    label: props.label,
    description: props.description,
    placeholder: props.placeholder,
    error: props.error,
    required: props.required,
    value: props.value,
    size: props.size,
    'aria-label': props['aria-label'],
    onFocus: () => {
      touched.current = true;
    },
    rightSection: picker,
    rightSectionWidth: 36,
    rightSectionPointerEvents: 'all' as const,
    styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } },
  };
  return props.multiline ? (
    <Textarea {...common} ref={input} autosize minRows={3} maxRows={12} onChange={(e) => props.onChange(e.currentTarget.value)} />
  ) : (
    <TextInput {...common} ref={input} onChange={(e) => props.onChange(e.currentTarget.value)} />
  );
}
