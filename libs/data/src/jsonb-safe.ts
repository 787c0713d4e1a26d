/**
 * PostgreSQL's jsonb cannot hold U+0000 or unpaired surrogates, yet webhooks and remote APIs send
 * both. Stored copies replace them with U+FFFD; the exact bytes of a request stay in its raw body.
 */
export function toJsonbSafe<T>(value: T): T {
  return clean(value) as T;
}

const NUL = /\u0000/g;

function cleanString(s: string): string {
  const wellFormed = s.isWellFormed() ? s : s.toWellFormed();
  return wellFormed.includes('\u0000') ? wellFormed.replace(NUL, '\uFFFD') : wellFormed;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return cleanString(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clean);
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[cleanString(k)] = clean(v);
  return out;
}

// What JSON.stringify writes for the characters jsonb refuses: U+0000, and a lone surrogate (a
// well-formed pair is written as itself). An escaped backslash followed by such text matches too,
// which only sends that value down the slower path.
const REFUSED_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * `value` as JSON text jsonb accepts. Most values hold nothing jsonb refuses, so the text is checked
 * once instead of walking the value before every write; only a value that does is cleaned first.
 */
export function toJsonbText(value: unknown): string {
  const text = JSON.stringify(value);
  return REFUSED_ESCAPE.test(text) ? JSON.stringify(toJsonbSafe(value)) : text;
}
