import type { Action, WebhookSource } from '@provod/contracts';

/** One field that differs, by its path inside the source or the step (`settings.url`, `parameters[0].name`). */
export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/** A step as it differs between the two versions, matched by its id (renames keep the id). */
export interface StepDiff {
  id: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
}

export interface DefinitionDiff {
  source: FieldChange[];
  steps: StepDiff[];
  /** True when nothing differs at all. */
  same: boolean;
}

interface Definition {
  source: WebhookSource;
  actions: readonly Action[];
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/**
 * The leaves that differ between two JSON values, as readable paths. Objects compare key by key,
 * arrays position by position (a definition's lists are short and ordered), anything else by value.
 */
export function diffValues(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => {
      const at = join(path, key);
      if (!(key in after)) return [{ path: at, kind: 'removed' as const, before: before[key] }];
      if (!(key in before)) return [{ path: at, kind: 'added' as const, after: after[key] }];
      return diffValues(before[key], after[key], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const at = `${path}[${i}]`;
      if (i >= after.length) changes.push({ path: at, kind: 'removed', before: before[i] });
      else if (i >= before.length) changes.push({ path: at, kind: 'added', after: after[i] });
      else changes.push(...diffValues(before[i], after[i], at));
    }
    return changes;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path: path || '(value)', kind: 'changed', before, after }];
}

/** What changed from `older` to `current`: the source field by field, and each step by name. */
export function diffDefinitions(older: Definition, current: Definition): DefinitionDiff {
  const source = diffValues(older.source, current.source);
  const oldById = new Map(older.actions.map((a, i) => [a.id, { action: a, position: i }]));
  const newIds = new Set(current.actions.map((a) => a.id));
  const steps: StepDiff[] = [];
  current.actions.forEach((action, position) => {
    const old = oldById.get(action.id);
    if (!old) {
      steps.push({ id: action.id, name: action.name, kind: 'added', changes: [] });
      return;
    }
    const { id: _oldId, ...oldRest } = old.action;
    const { id: _newId, ...newRest } = action;
    const changes = diffValues(oldRest, newRest);
    if (old.position !== position) changes.unshift({ path: 'position', kind: 'changed', before: old.position + 1, after: position + 1 });
    if (changes.length) steps.push({ id: action.id, name: action.name, kind: 'changed', changes });
  });
  for (const action of older.actions) {
    if (!newIds.has(action.id)) steps.push({ id: action.id, name: action.name, kind: 'removed', changes: [] });
  }
  return { source, steps, same: source.length === 0 && steps.length === 0 };
}

/** A value as one short line: strings in quotes but unescaped (templates read as typed), long ones cut. */
export function shortValue(value: unknown, max = 160): string {
  const text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? 'undefined');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
