import { Alert, Badge, Button, Group, Loader, Paper, Stack, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconRefresh } from '@tabler/icons-react';
import type { JsonComposerSettings, StepResult } from '@provod/contracts';
import { useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/endpoints';
import { JsonView } from '../../components/JsonView';
import { StepErrorView } from '../../components/StepErrorView';
import { errorMessage } from '../../lib/errors';
import { useIssue } from './issues';
import { problemOf } from './json-mode';
import { LazyJsonEditor } from './LazyJsonEditor';
import { EditorRunContext } from './run-context';

export interface JsonComposerFormProps {
  actionId: string;
  settings: JsonComposerSettings;
  onChange: (settings: JsonComposerSettings) => void;
  path: string;
}

type Preview = { state: 'idle' } | { state: 'loading' } | { state: 'done'; step: StepResult | undefined; runError: string | null } | { state: 'error'; message: string };

/**
 * Templates render on the server (helpers, secrets, type-keeping), so the preview is a real test run
 * of the unsaved steps up to this one, debounced while the user types. No writes are sent.
 */
export function JsonComposerForm({ actionId, settings, onChange, path }: JsonComposerFormProps) {
  const { t } = useTranslation();
  const run = useContext(EditorRunContext);
  const templateIssue = useIssue(`${path}.template`);
  const [debounced] = useDebouncedValue(settings.template, 700);
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const [nonce, setNonce] = useState(0);
  const latest = useRef(0);
  const valid = problemOf(debounced, 'json') === null;
  // What is shown follows the text as typed; the server is asked only once it settles.
  const validNow = problemOf(settings.template, 'json') === null;

  useEffect(() => {
    if (!run || !valid) return;
    const ticket = ++latest.current;
    setPreview({ state: 'loading' });
    api
      .test(run.processingId, { ...run.input(actionId), callWrites: false })
      .then((result) => {
        if (ticket !== latest.current) return;
        run.onResult(result);
        const step = result.steps.find((s) => s.actionId === actionId);
        setPreview({ state: 'done', step, runError: step ? null : (result.error?.message ?? null) });
      })
      .catch((error: unknown) => {
        if (ticket === latest.current) setPreview({ state: 'error', message: errorMessage(error, t) });
      });
    // Runs again when the text settles or the user asks; `run` changes on every edit elsewhere and must not retrigger it.
  }, [debounced, valid, nonce, actionId, settings.dropEmpty]);

  return (
    <Stack gap="sm">
      <LazyJsonEditor
        label={t('composer.template')}
        description={t('composer.templateHint', { example: '"{{fields.client_name}}"' })}
        value={settings.template}
        onChange={(template) => onChange({ ...settings, template })}
        mode="json"
        error={templateIssue}
      />
      <Switch
        label={t('composer.dropEmpty')}
        description={t('composer.dropEmptyHint')}
        checked={settings.dropEmpty}
        onChange={(e) => onChange({ ...settings, dropEmpty: e.currentTarget.checked })}
      />
      <Paper withBorder radius="md" p="sm" bg="gray.0" aria-live="polite" aria-label={t('composer.preview')}>
        <Group justify="space-between" mb={6}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {t('composer.preview')}
            </Text>
            {preview.state === 'loading' && <Loader size={14} />}
            {validNow && preview.state === 'done' && preview.step?.status === 'succeeded' && (
              <Badge size="xs" color="teal" variant="light">
                {t('composer.previewOk')}
              </Badge>
            )}
          </Group>
          {run && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconRefresh size={12} />} onClick={() => setNonce((n) => n + 1)} disabled={!validNow}>
              {t('composer.refresh')}
            </Button>
          )}
        </Group>
        {!validNow ? (
          <Text size="sm" c="dimmed">
            {t('composer.previewInvalid')}
          </Text>
        ) : preview.state === 'error' ? (
          <Alert color="red" variant="light" p="xs">
            {preview.message}
          </Alert>
        ) : preview.state === 'done' ? (
          preview.step?.status === 'failed' ? (
            <Stack gap={4}>
              {preview.step.error && <StepErrorView error={preview.step.error} context={{ step: preview.step.name, type: preview.step.type }} />}
              {preview.step.unresolved?.length ? (
                <Text size="xs" c="orange.8">
                  {t('composer.unresolved', { refs: preview.step.unresolved.join(', ') })}
                </Text>
              ) : null}
            </Stack>
          ) : preview.step ? (
            <Stack gap={4}>
              <JsonView value={preview.step.output} expandLevels={4} />
              {preview.step.unresolved?.length ? (
                <Text size="xs" c="orange.8">
                  {t('composer.unresolved', { refs: preview.step.unresolved.join(', ') })}
                </Text>
              ) : null}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              {preview.runError ?? t('composer.previewNotReached')}
            </Text>
          )
        ) : (
          <Text size="sm" c="dimmed">
            {t('composer.previewWaiting')}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
