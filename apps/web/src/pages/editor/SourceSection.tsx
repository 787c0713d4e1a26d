import { ActionIcon, Badge, Button, Card, Checkbox, Collapse, Group, NumberInput, Stack, Switch, Table, TagsInput, Text, TextInput, ThemeIcon, UnstyledButton } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconChevronDown, IconChevronRight, IconPlus, IconRefresh, IconWebhook, IconX } from '@tabler/icons-react';
import { DEFAULT_PROCESSING_CONCURRENCY, MAX_PROCESSING_CONCURRENCY, WEBHOOK_METHODS, type SourceParameter, type WebhookSource } from '@provod/contracts';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { webhookUrl } from '../../api/endpoints';
import { CopyField } from '../../components/CopyField';
import { previewValue } from '../../lib/references';
import { TemplateInput } from './FieldPicker';
import { useIssue, useIssuesUnder } from './issues';
import { PickerDataContext } from './picker-data';

function ParameterRow({ parameter, index, sample, onChange, onRemove }: {
  parameter: SourceParameter;
  index: number;
  sample: unknown;
  onChange: (p: SourceParameter) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const nameIssue = useIssue(`source.parameters.${index}.name`);
  const keysIssue = useIssue(`source.parameters.${index}.keys`, true);
  const n = index + 1;
  const others = (parameter.keys ?? []).filter((k) => k !== parameter.name);
  return (
    <Table.Tr>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('source.paramName', { n })}
          value={parameter.name}
          onChange={(e) => {
            const name = e.currentTarget.value.trim();
            onChange({ ...parameter, name, keys: parameter.keys?.length ? [name, ...others] : undefined });
          }}
          error={nameIssue}
          placeholder="r_id"
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
      </Table.Td>
      <Table.Td>
        <TagsInput
          size="xs"
          aria-label={t('source.paramKeys', { n })}
          value={others}
          // Alternative keys add to the parameter's own name, which stays the first place looked at.
          onChange={(keys) => onChange({ ...parameter, keys: keys.length ? [parameter.name, ...keys.filter((k) => k !== parameter.name)] : undefined })}
          placeholder={others.length ? '' : t('source.paramKeysPlaceholder')}
          error={keysIssue}
          splitChars={[',', ' ']}
        />
      </Table.Td>
      <Table.Td>
        <Text size="xs" ff="monospace" c={sample === undefined ? 'dimmed' : undefined} truncate="end" maw={160}>
          {sample === undefined ? '—' : previewValue(sample, 30)}
        </Text>
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="gray" aria-label={t('source.removeParam', { name: parameter.name || n })} onClick={onRemove}>
          <IconX size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}

export interface SourceSectionProps {
  token: string;
  source: WebhookSource;
  onChange: (source: WebhookSource) => void;
  /** Absent for a viewer, who cannot give the processing a new URL: the button is not offered. */
  onRegenerate?: () => void;
  regenerating: boolean;
  expanded: boolean;
  onToggle: () => void;
}

export function SourceSection({ token, source, onChange, onRegenerate, regenerating, expanded, onToggle }: SourceSectionProps) {
  const { t } = useTranslation();
  const data = useContext(PickerDataContext);
  const methodsIssue = useIssue('source.methods', true);
  const paramsIssue = useIssue('source.parameters');
  const dedupKeyIssue = useIssue('source.dedup.key');
  const dedupWindowIssue = useIssue('source.dedup.windowSeconds');
  const concurrencyIssue = useIssue('source.concurrency');
  const anyIssue = useIssuesUnder('source').length > 0;
  const url = webhookUrl(token);
  const set = <K extends keyof WebhookSource>(key: K, value: WebhookSource[K]) => onChange({ ...source, [key]: value });
  const declared = new Set(source.parameters.flatMap((p) => [p.name, ...(p.keys ?? [])]));
  // Query keys of the sample that no parameter picks up yet: one click makes them parameters.
  const suggestions = Object.entries(data.request?.query ?? {}).filter(([key, value]) => !declared.has(key) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && typeof value !== 'object');

  const confirmRegenerate = () =>
    modals.openConfirmModal({
      title: t('source.regenerateTitle'),
      children: <Text size="sm">{t('source.regenerateText')}</Text>,
      labels: { confirm: t('source.regenerate'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: onRegenerate,
    });

  return (
    <Card withBorder radius="md" padding={0} component="section" aria-label={t('source.title')} className={anyIssue ? 'card-invalid' : undefined}>
      <UnstyledButton onClick={onToggle} aria-expanded={expanded} aria-controls="source-body" px="md" py="sm" w="100%">
        <Group gap="sm" wrap="nowrap">
          {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          <ThemeIcon variant="light" radius="md" size={30} color="teal">
            <IconWebhook size={18} />
          </ThemeIcon>
          <div style={{ minWidth: 0 }}>
            <Text fw={600}>{t('source.title')}</Text>
            {!expanded && (
              <Text size="xs" c="dimmed" truncate="end">
                {source.methods.join(', ')} · {t('source.paramsSummary', { count: source.parameters.length, names: source.parameters.map((p) => p.name).join(', ') })}
              </Text>
            )}
          </div>
        </Group>
      </UnstyledButton>
      <Collapse expanded={expanded} id="source-body">
        <Stack gap="md" px="md" pb="md">
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('source.url')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <CopyField value={url} label={t('source.url')} testId="webhook-url" />
              {onRegenerate && (
                <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconRefresh size={14} />} loading={regenerating} onClick={confirmRegenerate}>
                  {t('source.regenerate')}
                </Button>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              {t('source.urlHint')}
            </Text>
          </Stack>

          <Checkbox.Group label={t('source.methods')} description={t('source.methodsHint')} value={source.methods} onChange={(values) => set('methods', WEBHOOK_METHODS.filter((m) => values.includes(m)))} error={methodsIssue}>
            <Group gap="md" mt={6}>
              {WEBHOOK_METHODS.map((method) => (
                <Checkbox key={method} value={method} label={method} />
              ))}
            </Group>
          </Checkbox.Group>

          <Stack gap={6}>
            <Text size="sm" fw={500} id="source-params">
              {t('source.parameters')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('source.parametersHint')}
            </Text>
            {source.parameters.length > 0 && (
              <Table verticalSpacing={4} horizontalSpacing={6} aria-labelledby="source-params" layout="fixed">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w="24%">{t('source.colName')}</Table.Th>
                    <Table.Th>{t('source.colKeys')}</Table.Th>
                    <Table.Th w="20%">{t('source.colSample')}</Table.Th>
                    <Table.Th w={40}>
                      <span className="visually-hidden">{t('common.remove')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {source.parameters.map((parameter, index) => (
                    <ParameterRow
                      key={index}
                      parameter={parameter}
                      index={index}
                      sample={data.params?.[parameter.name]}
                      onChange={(next) => set('parameters', source.parameters.map((p, i) => (i === index ? next : p)))}
                      onRemove={() => set('parameters', source.parameters.filter((_, i) => i !== index))}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {paramsIssue && (
              <Text size="xs" c="red">
                {paramsIssue}
              </Text>
            )}
            <Group gap="xs">
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('parameters', [...source.parameters, { name: '' }])}>
                {t('source.addParam')}
              </Button>
              {suggestions.length > 0 && (
                <>
                  <Text size="xs" c="dimmed">
                    {t('source.fromSample')}
                  </Text>
                  {suggestions.slice(0, 8).map(([key, value]) => (
                    <Badge
                      key={key}
                      component="button"
                      variant="outline"
                      style={{ cursor: 'pointer', textTransform: 'none' }}
                      onClick={() => set('parameters', [...source.parameters, { name: key }])}
                      aria-label={t('source.addSuggested', { name: key })}
                    >
                      + {key} = {previewValue(value, 16)}
                    </Badge>
                  ))}
                </>
              )}
            </Group>
          </Stack>

          <Stack gap={6}>
            <Switch
              label={t('source.dedup')}
              description={t('source.dedupHint')}
              checked={source.dedup !== null}
              onChange={(e) =>
                set(
                  'dedup',
                  e.currentTarget.checked
                    ? { key: source.parameters[0]?.name ? `{{source.${source.parameters[0].name}}}` : '', windowSeconds: 24 * 3600 }
                    : null,
                )
              }
            />
            {source.dedup && (
              <Group align="flex-start" gap="sm" wrap="nowrap">
                <div style={{ flex: 1 }}>
                  <TemplateInput
                    label={t('source.dedupKey')}
                    description={t('source.dedupKeyHint')}
                    value={source.dedup.key}
                    onChange={(key) => source.dedup && set('dedup', { ...source.dedup, key })}
                    error={dedupKeyIssue}
                    placeholder="{{source.type_id}}:{{source.r_id}}"
                  />
                </div>
                <NumberInput
                  label={t('source.dedupWindow')}
                  description={t('source.dedupWindowHint')}
                  value={Math.round((source.dedup.windowSeconds / 3600) * 100) / 100}
                  onChange={(v) => source.dedup && typeof v === 'number' && set('dedup', { ...source.dedup, windowSeconds: Math.max(1, Math.round(v * 3600)) })}
                  min={0.01}
                  max={720}
                  decimalScale={2}
                  w={200}
                  error={dedupWindowIssue}
                />
              </Group>
            )}
          </Stack>

          <NumberInput
            label={t('source.concurrency')}
            description={t('source.concurrencyHint', { count: DEFAULT_PROCESSING_CONCURRENCY })}
            value={source.concurrency ?? DEFAULT_PROCESSING_CONCURRENCY}
            // Cleared, the field falls back to the default rather than saving an empty value.
            onChange={(v) => set('concurrency', typeof v === 'number' ? v : undefined)}
            min={1}
            max={MAX_PROCESSING_CONCURRENCY}
            allowDecimal={false}
            clampBehavior="strict"
            w={200}
            error={concurrencyIssue}
          />
        </Stack>
      </Collapse>
    </Card>
  );
}
