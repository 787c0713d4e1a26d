import {
  filterConditionSchema,
  httpRequestSettingsSchema,
  jsonComposerSettingsSchema,
  sendEmailSettingsSchema,
  type Action,
  type ActionOf,
  type ActionType,
  type HttpRequestSettings,
  type ProcessingView,
  type WebhookSource,
} from '@provod/contracts';

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

/** The schema holds the only copy of the defaults; a new step starts from them with an empty address. */
export const DEFAULT_HTTP_SETTINGS: HttpRequestSettings = { ...httpRequestSettingsSchema.parse({ url: '-' }), url: '' };

/** Saved processings may predate a setting; the form always works on a complete one. */
export function completeHttpSettings(settings: Partial<HttpRequestSettings>): HttpRequestSettings {
  return {
    ...DEFAULT_HTTP_SETTINGS,
    ...settings,
    retry: { ...DEFAULT_HTTP_SETTINGS.retry, ...(settings.retry ?? {}) },
    idempotencyKey: { ...DEFAULT_HTTP_SETTINGS.idempotencyKey, ...(settings.idempotencyKey ?? {}) },
  };
}

/** A new filter condition: the schema's defaults with nothing to test yet. */
export const NEW_FILTER_CONDITION = { ...filterConditionSchema.parse({ left: '-' }), left: '' };

/**
 * How each type's new step starts (from the schema's defaults, empty where the user must write) and
 * whether it changes something elsewhere. The compiler refuses a type missing here.
 */
const NEW_STEPS: {
  [T in ActionType]: { keyBase: string; settings: (previous: Action | undefined) => ActionOf<T>['settings']; writes: (action: ActionOf<T>) => boolean };
} = {
  http_request: { keyBase: 'request', settings: () => ({ ...DEFAULT_HTTP_SETTINGS }), writes: (action) => action.settings.method !== 'GET' },
  json_parser: {
    keyBase: 'fields',
    // A parser reads the previous step's body at once.
    settings: (previous) => ({
      input: previous ? (previous.type === 'http_request' ? `{{${previous.key}.body}}` : `{{${previous.key}}}`) : '{{event.body}}',
      fields: [],
    }),
    writes: () => false,
  },
  // Empty, not a `{ }` skeleton: the first field the user inserts (`{{lead}}`) must not land beside stray braces.
  json_composer: { keyBase: 'json', settings: () => ({ ...jsonComposerSettingsSchema.parse({ template: '-' }), template: '' }), writes: () => false },
  filter: { keyBase: 'filter', settings: () => ({ match: 'all', conditions: [{ ...NEW_FILTER_CONDITION }] }), writes: () => false },
  send_email: { keyBase: 'email', settings: () => ({ ...sendEmailSettingsSchema.parse({ to: '-', subject: '-' }), to: '', subject: '' }), writes: () => true },
};

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

/** A new step pre-filled so it is useful at once: a parser reads the previous step's body; a composer starts empty. */
export function newAction(type: ActionType, name: string, existing: readonly Action[]): Action {
  const start = NEW_STEPS[type];
  const base = { id: newId(), key: uniqueKey(start.keyBase, existing.map((a) => a.key)), name };
  return { ...base, type, settings: start.settings(existing[existing.length - 1]) } as Action;
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

/** Steps a test run describes instead of running, unless the user agrees (the worker's `effect: writes`). */
export function isWrite(action: Action): boolean {
  return (NEW_STEPS[action.type].writes as (a: Action) => boolean)(action);
}
