import { formatDate } from './date-format.helper';
import { toText } from './value-text';

/**
 * Helpers a template may call. Each receives plain arguments (Handlebars' options object removed) and
 * never throws: a template filled with odd data still renders, and the history shows what came out.
 */
export type TemplateHelper = (args: unknown[]) => unknown;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on', 'да']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off', 'нет', '']);

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function toNumber(value: unknown): number | '' {
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return '';
  // People and CRMs write "150 000,50": spaces group thousands, a lone comma is the decimal point.
  let text = value.replace(/[\s\u00A0\u202F]/g, '');
  if (!text.includes('.') && /^[+-]?\d*,\d+$/.test(text)) text = text.replace(',', '.');
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return '';
  const n = Number(text);
  return Number.isFinite(n) ? n : '';
}

function toBoolean(value: unknown): boolean {
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
    return true;
  }
  return Boolean(value);
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
