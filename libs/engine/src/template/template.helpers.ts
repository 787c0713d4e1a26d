import { formatDate } from './date-format.helper';
import { parseLooseBoolean, parseLooseNumber } from './loose-value.helper';
import { toText } from './value-text';

/**
 * Helpers a template may call. Each receives plain arguments (Handlebars' options object removed) and
 * never throws: a template filled with odd data still renders, and the history shows what came out.
 */
export type TemplateHelper = (args: unknown[]) => unknown;

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function toNumber(value: unknown): number | '' {
  return parseLooseNumber(value) ?? '';
}

/** Any other text counts as yes: a template must render, and a filled-in word is closer to yes. */
function toBoolean(value: unknown): boolean {
  return typeof value === 'string' ? (parseLooseBoolean(value) ?? true) : Boolean(value);
}

/** A whole number argument, or the fallback when it is missing or not one. */
function toIndex(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/**
 * Counts in characters as people see them, not UTF-16 units, so an emoji or a surrogate pair is never
 * cut in half; negative positions count from the end, as in slice.
 */
function substring(value: unknown, start: unknown, end: unknown): string {
  const chars = Array.from(toText(value));
  return chars.slice(toIndex(start, 0), toIndex(end, chars.length)).join('');
}

/** Names that lead from data towards code; integration data has no business using them. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The only way templates read properties: own properties of objects, arrays and strings, never
 * functions, never the prototype chain.
 */
export function ownValue(holder: unknown, key: unknown): unknown {
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  if (typeof holder === 'string') return key === 'length' ? holder.length : undefined;
  if (holder === null || typeof holder !== 'object' || FORBIDDEN_KEYS.has(String(key))) return undefined;
  if (!Object.prototype.hasOwnProperty.call(holder, key)) return undefined;
  const value: unknown = (holder as Record<string | number, unknown>)[key];
  return typeof value === 'function' ? undefined : value;
}

export const TEMPLATE_HELPERS: Readonly<Record<string, TemplateHelper>> = {
  default: (args) => args.find((a) => !isEmpty(a)) ?? args[args.length - 1],
  join: ([list, separator]) => {
    const sep = typeof separator === 'string' ? separator : ', ';
    return Array.isArray(list) ? list.map((item) => toText(item)).join(sep) : toText(list);
  },
  concat: (args) => args.map((a) => toText(a)).join(''),
  trim: ([value]) => toText(value).trim(),
  upper: ([value]) => toText(value).toUpperCase(),
  lower: ([value]) => toText(value).toLowerCase(),
  digits: ([value]) => toText(value).replace(/\D+/g, ''),
  // Plain text, not a regular expression: "+" or "." in a phone number must mean themselves.
  replace: ([value, search, replacement]) => {
    const text = toText(value);
    const find = toText(search);
    return find === '' ? text : text.split(find).join(toText(replacement));
  },
  substring: ([value, start, end]) => substring(value, start, end),
  date: ([value, format, zone]) => formatDate(value, format, zone),
  number: ([value]) => toNumber(value),
  string: ([value]) => toText(value),
  boolean: ([value]) => toBoolean(value),
  json: ([value]) => {
    try {
      return JSON.stringify(value) ?? 'null';
    } catch {
      return '';
    }
  },
  // Replaces the built-in, which would consult Handlebars' prototype rules and log to the console.
  lookup: ([holder, key]) => ownValue(holder, key),
};

/** Names a template may use as `{{#name}}`: the Handlebars built-ins that change flow or context. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with']);
