import type { Action, ActionType, ProcessingView, WebhookSource } from '@provod/contracts';
import { ACTION_BEHAVIOUR, newActionOf } from '../../actions';

/** What the editor changes; everything else about a processing has its own button. */
export interface Draft {
  name: string;
  source: WebhookSource;
  actions: Action[];
}

export function draftOf(view: ProcessingView): Draft {
  return { name: view.name, source: view.source, actions: view.actions };
}

/** Key order is not meaning: a draft that went through the form and back must not look "changed". */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function sameDraft(a: Draft, b: Draft): boolean {
  return stableStringify(a) === stableStringify(b);
}

export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  used.add('source');
  used.add('event');
  used.add('secrets');
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

function newId(): string {
  const random = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : Math.random().toString(36).slice(2);
  return `a-${random}`;
}

/**
 * A new step, useful at once: the schema's defaults, what its type starts with (a parser reads the
 * previous step's value, a composer starts empty), and what the user must write left empty.
 */
export function newAction(type: ActionType, name: string, existing: readonly Action[]): Action {
  const key = uniqueKey(ACTION_BEHAVIOUR[type].keyBase, existing.map((a) => a.key));
  return newActionOf(type, { id: newId(), key, name }, existing[existing.length - 1]);
}

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length || from === to) return [...list];
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/**
 * Renaming a step's key rewrites `{{old.…}}` to `{{new.…}}` in every template, helpers included
 * (`{{digits old.phone}}`), so references keep working.
 */
export function renameReferences<T>(value: T, oldKey: string, newKey: string): T {
  const escaped = oldKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inside = new RegExp(`(^\\{\\{~?\\s*|[\\s(])${escaped}(?=[.\\s})\\[~]|\\}\\})`, 'g');
  const rewrite = (text: string) => text.replace(/\{\{[^{}]*\}\}/g, (tag) => tag.replace(inside, `$1${newKey}`));
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return rewrite(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    return node;
  };
  return walk(value) as T;
}
