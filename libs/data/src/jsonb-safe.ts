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
