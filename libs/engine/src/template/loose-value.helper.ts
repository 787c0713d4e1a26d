/**
 * Reading numbers and yes/no answers the way people and CRMs write them. Shared by the template
 * helpers and the JSON parser's casts, so `{{number x}}` and a field cast to number agree.
 */

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', '1', 'yes', 'y', 'on', 'да']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', '0', 'no', 'n', 'off', 'нет', '']);

/** Null when the value is not a number: "150 000,50" is 150000.5, "abc", objects and NaN are not. */
export function parseLooseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  // Spaces (also non-breaking) group thousands, and a lone comma is the decimal point.
  let text = value.replace(/\s/g, '');
  if (!text.includes('.') && /^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
  // Each part can end in one way only, so the test is linear: "1"×60 000 + "x" once took 4.8 s.
  if (text === '' || !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** Null for text that is neither a yes nor a no word ("maybe"); "" counts as no. */
export function parseLooseBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value !== 0;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}
