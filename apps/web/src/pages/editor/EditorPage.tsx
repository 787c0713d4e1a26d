import type { TFunction } from 'i18next';
import { Alert, Anchor, Button, Checkbox, Group, Indicator, List, Modal, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useDocumentTitle, useHotkeys } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDeviceFloppy, IconHistory, IconPlayerPlay, IconPlayerStop, IconPlayerTrackNext } from '@tabler/icons-react';
import { type Action, type ActionType, extractParams, type OperationDetail, type ProcessingView, type ReadinessProblem, type StepResult, type TestRunResult } from '@provod/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useNavigate, useParams } from 'react-router';
import { isWrite } from '../../actions';
import { ApiError, type ApiIssue } from '../../api/client';
import { api, keys, type TestRunInput } from '../../api/endpoints';
import { useRole } from '../../auth/use-role';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { ProcessingStatusBadge } from '../../components/StatusBadge';
import { errorMessage } from '../../lib/errors';
import { HeldModal } from '../processings/HeldModal';
import { ReadinessModal } from '../processings/ReadinessModal';
import { ActionCard } from './ActionCard';
import { AddStepButton } from './AddStepButton';
import { AlertsSection } from './AlertsSection';
import { draftOf, moveItem, newAction, renameReferences, sameDraft, type Draft } from './draft';
import { IssuesProvider } from './issues';
import { PickerDataContext, PickerPositionContext, type PickerData } from './picker-data';
import { EditorRunContext, type EditorRun } from './run-context';
import { SampleSection, type SampleState } from './SampleSection';
import { SourceSection } from './SourceSection';
import { VersionsButton } from './versions/VersionsButton';

function sampleOf(detail: OperationDetail): SampleState {
  return { operationId: detail.id, receivedAt: detail.receivedAt, params: detail.params ?? {}, request: detail.request ?? null };
}

function outputsOf(steps: readonly StepResult[]): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const step of steps) if (step.output !== undefined) outputs[step.actionId] = step.output;
  return outputs;
}

/** "Step 3 «Compose the lead» · settings.template" for an issue path the form could not place. */
// TFunction rather than useTranslation's own type: the latter is instantiated per key and grows too deep for tsc.
function issueWhere(path: string, actions: readonly Action[], t: TFunction): string {
  const match = /^actions\.(\d+)(?:\.(.*))?$/.exec(path);
  if (match) {
    const index = Number(match[1]);
    const action = actions[index];
    // Typed apart from the template literal: inside it, tsc's inference of the key's type runs too deep.
    const step: string = t('editor.stepN', { n: index + 1 });
    return `${step}${action ? ` «${action.name}»` : ''}${match[2] ? ` · ${match[2]}` : ''}`;
  }
  if (path.startsWith('source')) return `${t('source.title')}${path.length > 6 ? ` · ${path.slice(7)}` : ''}`;
  if (path === 'name') return t('editor.name');
  return path;
}

export default function EditorPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const processing = useQuery({ queryKey: keys.processing(id), queryFn: () => api.processing(id), refetchOnWindowFocus: false });
  // Viewers change nothing and see no secrets: the bar hides what the server would refuse them.
  const { canEdit } = useRole();
  const secrets = useQuery({ queryKey: keys.secrets, queryFn: api.secrets, enabled: canEdit });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [issues, setIssues] = useState<ApiIssue[]>([]);
  const [sample, setSample] = useState<SampleState | null>(null);
  const [outputs, setOutputs] = useState<Record<string, unknown>>({});
  const [results, setResults] = useState<Record<string, StepResult>>({});
  const [runError, setRunError] = useState<string | null>(null);
  const [callWrites, setCallWrites] = useState(false);
  const [testing, setTesting] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [sourceOpen, setSourceOpen] = useState<boolean | null>(null);
  const [sampleOpen, setSampleOpen] = useState(false);
  const [held, setHeld] = useState<number | null>(null);
  const [problems, setProblems] = useState<ReadinessProblem[] | null>(null);
  const view = processing.data;
  useDocumentTitle(`${draft?.name ?? view?.name ?? t('editor.title')} · Provod`);

  useEffect(() => {
    if (view && draft === null) {
      setDraft(draftOf(view));
      setSourceOpen(view.source.parameters.length === 0);
      if (view.actions.length <= 1) setExpanded(new Set(view.actions.map((a) => a.id)));
    }
  }, [view, draft]);

  const applyOperation = useCallback((detail: OperationDetail) => {
    setSample(sampleOf(detail));
    setOutputs((current) => ({ ...current, ...outputsOf(detail.steps ?? []) }));
  }, []);

  // The latest real event is the first sample: the picker shows real values before anything is tested.
  useEffect(() => {
    let cancelled = false;
    api
      .operations(id, { limit: 1 })
      .then(async (page) => {
        const newest = page.items[0];
        if (!newest || cancelled) return;
        const detail = await api.operation(newest.id);
        if (!cancelled) setSample((current) => current ?? sampleOf(detail));
        if (!cancelled) setOutputs((current) => ({ ...outputsOf(detail.steps ?? []), ...current }));
      })
      .catch(() => {
        // No sample yet is a normal state; the sample panel says how to get one.
      });
    return () => {
      cancelled = true;
    };
  }, [id]);

  // A viewer cannot save, so what they type is not work to lose: no prompt on leaving.
  const dirty = canEdit && Boolean(view && draft && !sameDraft(draft, draftOf(view)));

  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const onResult = useCallback((result: TestRunResult) => {
    setResults((current) => {
      const next = { ...current };
      for (const step of result.steps) next[step.actionId] = step;
      return next;
    });
    setOutputs((current) => ({ ...current, ...outputsOf(result.steps) }));
    if (result.sample?.request) {
      setSample((current) => current ?? { operationId: null, receivedAt: null, params: result.sample.params ?? {}, request: result.sample.request });
    }
  }, []);

  const runInput = useCallback(
    (upToActionId?: string): TestRunInput => ({
      actions: draft?.actions,
      source: draft?.source,
      ...(sample?.operationId ? { operationId: sample.operationId } : sample ? { sample: { params: sample.params, request: sample.request ?? undefined } } : {}),
      upToActionId,
      callWrites,
    }),
    [draft, sample, callWrites],
  );

  const run: EditorRun = useMemo(() => ({ processingId: id, input: runInput, onResult }), [id, runInput, onResult]);

  const test = async (upToActionId?: string) => {
    setTesting(upToActionId ?? 'all');
    setRunError(null);
    try {
      const result = await api.test(id, runInput(upToActionId));
      onResult(result);
      if (result.error && result.steps.length === 0) setRunError(result.error.message);
      if (upToActionId) setExpanded((current) => new Set(current).add(upToActionId));
    } catch (error) {
      setRunError(errorMessage(error, t));
    } finally {
      setTesting(null);
    }
  };

  const save = useMutation({
    mutationFn: (value: Draft) => api.updateProcessing(id, value),
    onSuccess: (updated) => {
      client.setQueryData(keys.processing(id), updated);
      void client.invalidateQueries({ queryKey: keys.processings });
      setDraft(draftOf(updated));
      setIssues([]);
      notifications.show({ color: 'teal', message: t('editor.saved', { version: updated.version }) });
      // Saved, yet what the start check would refuse is said now, while the user is in the form.
      const warnings = updated.warnings;
      if (warnings[0]) {
        const first = i18n.resolvedLanguage?.startsWith('ru') ? warnings[0].message.ru : warnings[0].message.en;
        notifications.show({ color: 'yellow', title: t('readiness.savedWithProblems', { count: warnings.length }), message: first, autoClose: 10_000 });
      }
    },
    onError: (error) => {
      if (error instanceof ApiError && error.issues.length > 0) {
        setIssues(error.issues);
        const stepIndexes = new Set(error.issues.map((i) => /^actions\.(\d+)/.exec(i.path)?.[1]).filter(Boolean).map(Number));
        setExpanded((current) => {
          const next = new Set(current);
          for (const index of stepIndexes) {
            const action = draft?.actions[index];
            if (action) next.add(action.id);
          }
          return next;
        });
        if (error.issues.some((i) => i.path.startsWith('source'))) setSourceOpen(true);
        notifications.show({ color: 'red', title: t('editor.notSaved'), message: t('editor.fixIssues', { count: error.issues.length }) });
      } else {
        notifications.show({ color: 'red', title: t('editor.notSaved'), message: errorMessage(error, t) });
      }
    },
  });

  const doSave = () => {
    if (canEdit && draft && !save.isPending) save.mutate(draft);
  };
  useHotkeys([['mod+S', doSave]], []);

  const setStatus = useMutation({
    mutationFn: (next: 'start' | 'stop') => (next === 'start' ? api.start(id) : api.stop(id)),
    onSuccess: async (updated: ProcessingView, next) => {
      client.setQueryData(keys.processing(id), updated);
      void client.invalidateQueries({ queryKey: keys.processings });
      if (next === 'start') {
        const { count } = await api.held(id).catch(() => ({ count: 0 }));
        if (count > 0) setHeld(count);
      }
    },
    onError: async (error, next) => {
      // A refused start says what to fix: the same list the processings page shows.
      if (next === 'start' && error instanceof ApiError && error.status === 400) {
        const report = await api.readiness(id).catch(() => null);
        if (report?.problems.length) return setProblems(report.problems);
      }
      notifications.show({ color: 'red', message: errorMessage(error, t) });
    },
  });

  const regenerate = useMutation({
    mutationFn: () => api.regenerateToken(id),
    onSuccess: (updated) => {
      client.setQueryData(keys.processing(id), updated);
      notifications.show({ message: t('source.regenerated') });
    },
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error, t) }),
  });

  // Parameters as the unsaved source would read them from the sample request.
  const sampleParams = useMemo(
    () => (sample ? (sample.request && draft ? { ...sample.params, ...extractParams(sample.request, draft.source.parameters) } : sample.params) : null),
    [sample, draft],
  );
  const pickerData: PickerData = useMemo(
    () => ({
      source: draft?.source ?? { type: 'webhook', methods: ['GET'], parameters: [], dedup: null },
      actions: draft?.actions ?? [],
      params: sampleParams,
      request: sample?.request ?? null,
      outputs,
      secrets: (secrets.data ?? []).map((s) => s.name),
    }),
    [draft, sample, sampleParams, outputs, secrets.data],
  );

  if (processing.isPending || (view && !draft)) return <PageLoader />;
  if (processing.isError) return <ErrorAlert error={processing.error} onRetry={() => void processing.refetch()} />;
  if (!view || !draft) return null;

  const updateActions = (actions: Action[]) => setDraft({ ...draft, actions });
  const addAction = (type: ActionType) => {
    const action = newAction(type, t(`actionType.${type}`), draft.actions);
    updateActions([...draft.actions, action]);
    setExpanded((current) => new Set(current).add(action.id));
  };
  const deleteAction = (index: number) => {
    const action = draft.actions[index];
    if (!action) return;
    modals.openConfirmModal({
      title: t('editor.deleteStepTitle'),
      children: <Text size="sm">{t('editor.deleteStepText', { name: action.name })}</Text>,
      labels: { confirm: t('common.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        setIssues([]);
        updateActions(draft.actions.filter((_, i) => i !== index));
      },
    });
  };
  const toggle = (actionId: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(actionId)) next.delete(actionId);
      else next.add(actionId);
      return next;
    });

  const writes = draft.actions.filter(isWrite);

  return (
    <IssuesProvider issues={issues}>
      <PickerDataContext.Provider value={pickerData}>
        {/* Without a run, forms show no live preview: a viewer cannot run tests. */}
        <EditorRunContext.Provider value={canEdit ? run : null}>
          <Stack gap="md" pb="xl">
            <div className="editor-bar">
              {/* Wraps on a phone: the actions go under the name instead of on top of it. */}
              <Group justify="space-between" gap="sm">
                <Group gap="sm" wrap="nowrap" style={{ flex: '1 1 18rem', minWidth: 0 }}>
                  <Tooltip label={t('editor.back')}>
                    <Anchor component={Link} to="/processings" aria-label={t('editor.back')} c="dimmed">
                      <IconArrowLeft size={20} />
                    </Anchor>
                  </Tooltip>
                  <TextInput
                    aria-label={t('editor.name')}
                    value={draft.name}
                    onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                    variant="filled"
                    size="md"
                    style={{ flex: 1, minWidth: 0, maxWidth: 420 }}
                    styles={{ input: { fontWeight: 700, fontSize: 18 } }}
                    error={issues.find((i) => i.path === 'name')?.message}
                  />
                  <Tooltip label={t('editor.version', { version: view.version })}>
                    <div style={{ flexShrink: 0 }}>
                      <ProcessingStatusBadge status={view.status} />
                    </div>
                  </Tooltip>
                  <span role="status" className="visually-hidden">
                    {dirty ? t('editor.unsaved') : ''}
                  </span>
                </Group>
                <Group gap={6} style={{ flexShrink: 0, maxWidth: '100%' }}>
                  <Button size="xs" variant="subtle" leftSection={<IconHistory size={14} />} component={Link} to={`/processings/${id}/history`}>
                    {t('processings.history')}
                  </Button>
                  <VersionsButton
                    processing={view}
                    canEdit={canEdit}
                    dirty={dirty}
                    onRestored={(saved) => {
                      client.setQueryData(keys.processing(id), saved);
                      void client.invalidateQueries({ queryKey: keys.processings });
                      setDraft(draftOf(saved));
                      setIssues([]);
                    }}
                  />
                  {canEdit && (view.status === 'running' ? (
                    <Button size="xs" variant="default" leftSection={<IconPlayerStop size={14} />} loading={setStatus.isPending} onClick={() => setStatus.mutate('stop')}>
                      {t('processings.stop')}
                    </Button>
                  ) : (
                    <Tooltip label={t('editor.startSavedHint')} disabled={!dirty}>
                      <Button size="xs" color="teal" variant="light" leftSection={<IconPlayerPlay size={14} />} loading={setStatus.isPending} onClick={() => setStatus.mutate('start')}>
                        {t('processings.start')}
                      </Button>
                    </Tooltip>
                  ))}
                  {canEdit && (
                    <>
                      <Tooltip label={t('editor.callWritesHint', { count: writes.length })} multiline w={300} withArrow>
                        <Checkbox label={t('editor.callWrites')} checked={callWrites} onChange={(e) => setCallWrites(e.currentTarget.checked)} size="xs" />
                      </Tooltip>
                      <Button size="xs" variant="light" leftSection={<IconPlayerTrackNext size={14} />} loading={testing === 'all'} onClick={() => void test()} disabled={draft.actions.length === 0}>
                        {t('editor.testAll')}
                      </Button>
                      <Tooltip label={t('editor.unsaved')} disabled={!dirty}>
                        <Indicator color="orange" size={10} offset={2} disabled={!dirty} processing>
                          <Button size="sm" leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} onClick={doSave} disabled={!dirty}>
                            {t('common.save')}
                          </Button>
                        </Indicator>
                      </Tooltip>
                    </>
                  )}
                </Group>
              </Group>
            </div>

            {!canEdit && (
              <Alert color="gray" variant="light">
                {t('roles.viewerCannotEdit')}
              </Alert>
            )}
            {issues.length > 0 && (
              <Alert color="red" variant="light" title={t('editor.issuesTitle')} role="alert">
                <List size="sm">
                  {issues.map((issue, index) => (
                    <List.Item key={index}>
                      <Text span fw={500} size="sm">
                        {issueWhere(issue.path, draft.actions, t)}:
                      </Text>{' '}
                      {issue.message}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {runError && (
              <Alert color="orange" variant="light" title={t('editor.testFailed')} withCloseButton onClose={() => setRunError(null)}>
                {runError}
              </Alert>
            )}

            <PickerPositionContext.Provider value={-1}>
              <SourceSection
                token={view.webhookToken}
                source={draft.source}
                onChange={(source) => setDraft({ ...draft, source })}
                onRegenerate={canEdit ? () => regenerate.mutate() : undefined}
                regenerating={regenerate.isPending}
                expanded={sourceOpen ?? true}
                onToggle={() => setSourceOpen((open) => !(open ?? true))}
              />
              <SampleSection
                processingId={id}
                token={view.webhookToken}
                methods={draft.source.methods}
                status={view.status}
                sample={sample && sampleParams ? { ...sample, params: sampleParams } : sample}
                onSample={applyOperation}
                expanded={sampleOpen}
                onToggle={() => setSampleOpen((open) => !open)}
              />
            </PickerPositionContext.Provider>

            <Stack gap="sm" component="ol" className="steps" aria-label={t('editor.steps')}>
              {draft.actions.map((action, index) => (
                <li key={action.id}>
                  <PickerPositionContext.Provider value={index}>
                    <ActionCard
                      action={action}
                      index={index}
                      total={draft.actions.length}
                      expanded={expanded.has(action.id)}
                      onToggle={() => toggle(action.id)}
                      onChange={(next) => updateActions(draft.actions.map((a, i) => (i === index ? next : a)))}
                      onKeyCommitted={(previous, next) =>
                        setDraft((current) =>
                          current
                            ? {
                                ...current,
                                source: renameReferences(current.source, previous, next),
                                actions: current.actions.map((a, i) => (i === index ? a : { ...a, settings: renameReferences(a.settings, previous, next) } as Action)),
                              }
                            : current,
                        )
                      }
                      onMove={(to) => {
                        setIssues([]);
                        updateActions(moveItem(draft.actions, index, to));
                      }}
                      onDelete={() => deleteAction(index)}
                      onTest={() => void test(action.id)}
                      testing={testing === action.id}
                      result={results[action.id]}
                    />
                  </PickerPositionContext.Provider>
                </li>
              ))}
            </Stack>
            {draft.actions.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('editor.noSteps')}
              </Text>
            )}
            {canEdit && (
              <Group>
                <AddStepButton onAdd={addAction} />
              </Group>
            )}

            <AlertsSection processing={view} />
          </Stack>

          <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('editor.leaveTitle')} size="lg">
            <Stack>
              <Text size="sm">{t('editor.leaveText')}</Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => blocker.reset?.()}>
                  {t('editor.stay')}
                </Button>
                <Button color="red" variant="light" onClick={() => blocker.proceed?.()}>
                  {t('editor.leave')}
                </Button>
                <Button
                  loading={save.isPending}
                  onClick={() =>
                    save.mutate(draft, {
                      onSuccess: () => blocker.proceed?.(),
                      onError: () => blocker.reset?.(),
                    })
                  }
                >
                  {t('editor.saveAndLeave')}
                </Button>
              </Group>
            </Stack>
          </Modal>
          <HeldModal processing={view} count={held} onClose={() => setHeld(null)} onOpenHistory={() => navigate(`/processings/${id}/history?status=held`)} />
          <ReadinessModal processingId={id} problems={problems} onClose={() => setProblems(null)} />
        </EditorRunContext.Provider>
      </PickerDataContext.Provider>
    </IssuesProvider>
  );
}
