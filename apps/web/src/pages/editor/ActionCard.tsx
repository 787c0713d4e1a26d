import { ActionIcon, Badge, Button, Card, Code, Collapse, Group, SimpleGrid, Stack, Text, TextInput, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconChevronDown, IconChevronRight, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { summaryOf, type Action, type StepResult } from '@provod/contracts';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useRole } from '../../auth/use-role';
import { currentLang } from '../../i18n';
import { StepMeta, StepResultView } from '../../components/StepResultView';
import { uiOf } from './action-types';
import { useIssue, useIssuesUnder } from './issues';

export interface ActionCardProps {
  action: Action;
  index: number;
  total: number;
  expanded: boolean;
  onToggle: () => void;
  onChange: (action: Action) => void;
  /** The key changed from `previous`; references to it elsewhere follow. */
  onKeyCommitted: (previous: string, next: string) => void;
  onMove: (to: number) => void;
  onDelete: () => void;
  onTest: () => void;
  testing: boolean;
  result: StepResult | undefined;
}

export function ActionCard({ action, index, total, expanded, onToggle, onChange, onKeyCommitted, onMove, onDelete, onTest, testing, result }: ActionCardProps) {
  // Viewers read the steps; testing, moving and deleting them is for editors (the API refuses it too).
  const { canEdit } = useRole();
  const { t } = useTranslation();
  const path = `actions.${index}`;
  const nameIssue = useIssue(`${path}.name`);
  const keyIssue = useIssue(`${path}.key`);
  const anyIssue = useIssuesUnder(path).length > 0;
  const keyAtFocus = useRef(action.key);
  const ui = uiOf(action);
  const Icon = ui.icon;
  const Form = ui.Form;
  const n = index + 1;
  const bodyId = `action-body-${action.id}`;

  return (
    <Card withBorder radius="md" padding={0} component="section" aria-label={t('editor.stepAria', { n, name: action.name })} className={anyIssue ? 'card-invalid' : undefined} data-step={action.key}>
      {/* On a phone the buttons wrap under the step's name rather than squeeze it to one letter. */}
      <Group justify="space-between" px="md" py="sm" gap="sm">
        <UnstyledButton onClick={onToggle} aria-expanded={expanded} aria-controls={bodyId} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            {expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
            <ThemeIcon variant="light" radius="md" size={30} color={ui.color}>
              <Icon size={18} />
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {n}.
                </Text>
                <Text fw={600} truncate="end">
                  {action.name}
                </Text>
                <Text size="xs" c="dimmed" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t(`actionType.${action.type}`)}
                </Text>
                {anyIssue && (
                  <Badge color="red" size="xs" variant="filled">
                    {t('editor.hasIssues')}
                  </Badge>
                )}
              </Group>
              {!expanded && (
                <Text size="xs" c="dimmed" ff="monospace" truncate="end">
                  {summaryOf(action, currentLang())}
                </Text>
              )}
            </div>
          </Group>
        </UnstyledButton>
        <Group gap={4} wrap="nowrap" ml="auto">
          {result && <StepMeta step={result} />}
          {canEdit && (
            <>
              <Tooltip label={t('editor.testStepHint')} withArrow openDelay={300}>
                <Button size="compact-sm" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={testing} onClick={onTest}>
                  {t('editor.testStep')}
                </Button>
              </Tooltip>
              <ActionIcon variant="subtle" color="gray" disabled={index === 0} onClick={() => onMove(index - 1)} aria-label={t('editor.moveUp', { name: action.name })}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="gray" disabled={index === total - 1} onClick={() => onMove(index + 1)} aria-label={t('editor.moveDown', { name: action.name })}>
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={t('editor.deleteStep', { name: action.name })}>
                <IconTrash size={16} />
              </ActionIcon>
            </>
          )}
        </Group>
      </Group>
      <Collapse expanded={expanded} id={bodyId}>
        {expanded && (
          <Stack gap="md" px="md" pb="md" pt={4}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('editor.stepName')} value={action.name} onChange={(e) => onChange({ ...action, name: e.currentTarget.value })} error={nameIssue} required />
              <TextInput
                label={t('editor.stepKey')}
                description={
                  <>
                        {t('editor.stepKeyHint')} <Code>{`{{${action.key}}}`}</Code>
                  </>
                }
                value={action.key}
                onFocus={() => {
                  keyAtFocus.current = action.key;
                }}
                onBlur={() => {
                  if (keyAtFocus.current !== action.key && /^[A-Za-z_][A-Za-z0-9_]*$/.test(action.key)) onKeyCommitted(keyAtFocus.current, action.key);
                }}
                onChange={(e) => onChange({ ...action, key: e.currentTarget.value.replace(/\s/g, '_') })}
                error={keyIssue}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                required
              />
            </SimpleGrid>
            <Form action={action} onChange={onChange} path={`${path}.settings`} />
            {result && ui.showsLastResult && (
              <Stack gap={6} className="step-result" role="region" aria-label={t('editor.lastResult')}>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t('editor.lastResult')}
                  </Text>
                  <StepMeta step={result} />
                </Group>
                <StepResultView step={result} />
              </Stack>
            )}
          </Stack>
        )}
      </Collapse>
    </Card>
  );
}
