import { Badge, Code, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { shortValue, type DefinitionDiff, type FieldChange } from './definition-diff';

const COLORS = { added: 'teal', removed: 'red', changed: 'orange' } as const;

function ChangeRow({ change }: { change: FieldChange }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" component="li">
      <Badge size="xs" variant="light" color={COLORS[change.kind]} style={{ flexShrink: 0 }}>
        {t(`versions.${change.kind}`)}
      </Badge>
      <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        <Code>{change.path}</Code>{' '}
        {change.kind !== 'added' && (
          <Text span size="sm" c="red.8" td={change.kind === 'removed' ? 'line-through' : undefined}>
            {shortValue(change.before)}
          </Text>
        )}
        {change.kind === 'changed' && ' → '}
        {change.kind !== 'removed' && (
          <Text span size="sm" c="teal.8">
            {shortValue(change.after)}
          </Text>
        )}
      </Text>
    </Group>
  );
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  return (
    <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {changes.map((change) => (
        <ChangeRow key={`${change.kind}:${change.path}`} change={change} />
      ))}
    </Stack>
  );
}

/** The structural diff of a version against the current one: the source, then each step by name. */
export function DefinitionDiffView({ diff, title }: { diff: DefinitionDiff; title: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" aria-label={title} role="region">
      <Text fw={600} size="sm">
        {title}
      </Text>
      {diff.same && <Text size="sm">{t('versions.noDifference')}</Text>}
      {diff.source.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('versions.source')}
          </Text>
          <ChangeList changes={diff.source} />
        </Stack>
      )}
      {diff.steps.map((step) => (
        <Stack gap={4} key={step.id}>
          <Text size="sm" fw={600}>
            {t('versions.step', { name: step.name })}
            {step.kind !== 'changed' && (
              <Text span size="sm" c={COLORS[step.kind]} ml={6}>
                {t(step.kind === 'added' ? 'versions.stepAdded' : 'versions.stepRemoved')}
              </Text>
            )}
          </Text>
          {step.changes.length > 0 && <ChangeList changes={step.changes} />}
        </Stack>
      ))}
    </Stack>
  );
}
