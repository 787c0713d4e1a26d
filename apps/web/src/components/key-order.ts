import type { Action } from '@provod/contracts';

/** Templates longer than this are not parsed just to order keys for display. */
const MAX_TEMPLATE_CHARS = 200_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A JSON template's shape; a value that is a whole `{{…}}` (not JSON text) counts as null. */
export function templateShape(template: string): unknown {
  if (template.length > MAX_TEMPLATE_CHARS) return undefined;
  try {
    return JSON.parse(template.replace(/([:[,]\s*)\{\{[^{}]{0,500}\}\}/g, '$1null'));
  } catch {
    return undefined;
  }
}

/**
 * The value with its keys in the order of `shape` (the template the user wrote); keys the shape lacks
 * follow in their own order. The history comes back from PostgreSQL's jsonb, which sorts keys its own way.
 */
export function orderLike(value: unknown, shape: unknown, depth = 0): unknown {
  if (depth > 50) return value;
  if (Array.isArray(value)) {
    const item = Array.isArray(shape) ? shape[0] : undefined;
    return item === undefined ? value : value.map((element) => orderLike(element, item, depth + 1));
  }
  if (!isRecord(value) || !isRecord(shape)) return value;
  const ordered: Record<string, unknown> = {};
  const put = (key: string) => Object.defineProperty(ordered, key, { value: orderLike(value[key], shape[key], depth + 1), enumerable: true, writable: true, configurable: true });
  for (const key of Object.keys(shape)) if (Object.hasOwn(value, key)) put(key);
  for (const key of Object.keys(value)) if (!Object.hasOwn(shape, key)) put(key);
  return ordered;
}

/** How a request step records what it sent and got: in this order, not PostgreSQL's (which puts `body` first). */
const REQUEST_ORDER = { method: null, url: null, headers: null, query: null, body: null };
const ANSWER_ORDER = { status: null, headers: null, body: null };

/**
 * The shapes a step's output and input were written in: a composer's template, a parser's fields, a
 * request's own order with its JSON body's template (or, for a body that is just `{{lead}}`, the
 * composer that built it).
 */
export function shapesFor(action: Action | undefined, actions: readonly Action[]): { output?: unknown; input?: unknown } {
  if (!action) return {};
  if (action.type === 'json_composer') return { output: templateShape(action.settings.template) };
  if (action.type === 'json_parser') return { output: Object.fromEntries(action.settings.fields.map((field) => [field.name, null])) };
  if (action.type !== 'http_request') return {};
  return { output: ANSWER_ORDER, input: { ...REQUEST_ORDER, body: requestBodyShape(action, actions) ?? null } };
}

function requestBodyShape(action: Extract<Action, { type: 'http_request' }>, actions: readonly Action[]): unknown {
  if (action.settings.body.mode !== 'json') return undefined;
  const whole = /^\s*\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\s*$/.exec(action.settings.body.template);
  if (!whole) return templateShape(action.settings.body.template);
  const source = actions.find((candidate) => candidate.key === whole[1]);
  return source?.type === 'json_composer' ? templateShape(source.settings.template) : undefined;
}
