import type { Action, WebhookSource } from '@provod/contracts';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { knownOutputsOf } from '../../actions';
import type { ShownRequest } from '../../components/RawRequestView';
import { displayPath, flatten, getAt, parseReference, reference, type PathSegment } from '../../lib/references';

/** Everything the editor knows about values flowing through the processing, for the field picker. */
export interface PickerData {
  source: WebhookSource;
  actions: readonly Action[];
  /** The sample event: its parameters and raw request. */
  params: Record<string, unknown> | null;
  request: ShownRequest | null;
  /** The last known output of each step, by action id (from the last test run or the sample operation). */
  outputs: Record<string, unknown>;
  secrets: readonly string[];
}

export const EMPTY_PICKER_DATA: PickerData = { source: { type: 'webhook', methods: ['GET', 'POST'], parameters: [], dedup: null }, actions: [], params: null, request: null, outputs: {}, secrets: [] };

export const PickerDataContext = createContext<PickerData>(EMPTY_PICKER_DATA);
/** Index of the step being edited: it sees the source and the steps before it. -1 is the source itself. */
export const PickerPositionContext = createContext<number>(-1);

export interface PickerEntry {
  id: string;
  group: string;
  /** Webjack-style: `Step name [body][request][0][id]`. */
  label: string;
  /** What gets inserted. */
  insert: string;
  value: unknown;
  hasValue: boolean;
  container: boolean;
}

export interface PickerLabels {
  webhook: string;
  request: string;
  secrets: string;
  secretValue: string;
}

function entriesFrom(group: string, root: string, value: unknown, idPrefix: string): PickerEntry[] {
  const out: PickerEntry[] = [];
  for (const leaf of flatten(value)) {
    const insert = reference(root, leaf.segments);
    if (!insert) continue;
    out.push({
      id: `${idPrefix}:${displayPath(leaf.segments)}`,
      group,
      label: `${group} ${displayPath(leaf.segments)}`,
      insert,
      value: leaf.value,
      hasValue: true,
      container: leaf.container,
    });
  }
  return out;
}

function bare(group: string, root: string, segments: PathSegment[], id: string): PickerEntry | null {
  const insert = reference(root, segments);
  return insert ? { id, group, label: segments.length ? `${group} ${displayPath(segments)}` : group, insert, value: undefined, hasValue: false, container: segments.length === 0 } : null;
}

/** Every value available to the step at `position`, in the order the processing produces them. */
export function buildPickerEntries(data: PickerData, position: number, labels: PickerLabels): PickerEntry[] {
  const entries: PickerEntry[] = [];
  // Only declared parameters are offered: a sample may carry ones the source no longer has, and those references would be dead.
  for (const parameter of data.source.parameters) {
    const value = data.params?.[parameter.name];
    entries.push({
      id: `source:${parameter.name}`,
      group: labels.webhook,
      label: `${labels.webhook} [${parameter.name}]`,
      insert: `{{source.${parameter.name}}}`,
      value,
      hasValue: value !== undefined,
      container: false,
    });
  }
  if (data.request) {
    const request = { query: data.request.query, body: data.request.body };
    entries.push(...entriesFrom(labels.request, 'event', request, 'event'));
  }
  const before = position < 0 ? [] : data.actions.slice(0, position);
  for (const action of before) {
    const output = data.outputs[action.id];
    if (output !== undefined) {
      const whole = reference(action.key, []);
      if (whole) entries.push({ id: `${action.id}:`, group: action.name, label: action.name, insert: whole, value: output, hasValue: true, container: output !== null && typeof output === 'object' });
      entries.push(...entriesFrom(action.name, action.key, output, action.id));
      continue;
    }
    // Not tested yet: still offer what the step is known to produce, without sample values.
    const known: (PickerEntry | null)[] = [bare(action.name, action.key, [], `${action.id}:`)];
    for (const name of knownOutputsOf(action)) known.push(bare(action.name, action.key, [name], `${action.id}:${name}`));
    entries.push(...known.filter((e): e is PickerEntry => e !== null));
  }
  for (const name of data.secrets) {
    entries.push({
      id: `secret:${name}`,
      group: labels.secrets,
      label: `${labels.secrets} [${name}]`,
      insert: `{{secrets.${name}}}`,
      value: labels.secretValue,
      hasValue: true,
      container: false,
    });
  }
  return entries;
}

/** The values a template at `position` can reach, for resolving a parser's input against the sample. */
export function valueScope(data: PickerData, position: number): Record<string, unknown> {
  const scope: Record<string, unknown> = {
    source: data.params ?? {},
    event: data.request ?? {},
  };
  for (const action of data.actions.slice(0, Math.max(position, 0))) {
    if (data.outputs[action.id] !== undefined) scope[action.key] = data.outputs[action.id];
  }
  return scope;
}

/** The sample value a plain reference such as `{{fetch_request.body}}` points to, if it is known. */
export function resolveReference(data: PickerData, position: number, template: string): unknown {
  const ref = parseReference(template);
  if (!ref) return undefined;
  return getAt(valueScope(data, position)[ref.root], ref.segments);
}

export function usePickerLabels(): PickerLabels {
  const { t } = useTranslation();
  return { webhook: t('picker.webhook'), request: t('picker.request'), secrets: t('picker.secrets'), secretValue: '••••••' };
}

export function usePickerEntries(): PickerEntry[] {
  const data = useContext(PickerDataContext);
  const position = useContext(PickerPositionContext);
  return buildPickerEntries(data, position, usePickerLabels());
}
