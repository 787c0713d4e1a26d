import { formatDate } from './date-format.helper';
import { parseLooseBoolean, parseLooseNumber } from './loose-value.helper';
import { reserveChars } from './render-budget';
import { toText } from './value-text';

/**
 * Helpers a template may call. Each receives plain arguments (Handlebars' options object removed) and
 * never throws on odd data: a template filled with it still renders, and the history shows what came
 * out. Each reserves what it is about to build first (reserveChars), so a chain of them cannot build
 * a 100-million-character string before a limit notices.
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
 * cut in half; negative positions count from the end, as in slice. Walks the text instead of
 * splitting it into an array of characters, which for megabytes of text costs far more than the text.
 */
function substring(value: unknown, start: unknown, end: unknown): string {
  const text = toText(value);
  const count = codePointCount(text);
  const from = clampIndex(toIndex(start, 0), count);
  const to = clampIndex(toIndex(end, count), count);
  if (to <= from) return '';
  const startUnit = unitOffset(text, 0, 0, from);
  const endUnit = unitOffset(text, startUnit, from, to);
  reserveChars(endUnit - startUnit);
  return text.slice(startUnit, endUnit);
}

function clampIndex(index: number, count: number): number {
  return index < 0 ? Math.max(0, count + index) : Math.min(index, count);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function codePointCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (!(isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) count += 1;
  }
  return count;
}

/** The UTF-16 offset of code point `target`, walking from `unit`, which is code point `point`. */
function unitOffset(text: string, unit: number, point: number, target: number): number {
  let i = unit;
  for (let p = point; p < target && i < text.length; p += 1) {
    i += isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** Plain text, not a regular expression: "+" or "." in a phone number must mean themselves. */
function replaceAllText(value: unknown, search: unknown, replacement: unknown): string {
  const text = toText(value);
  const find = toText(search);
  if (find === '') return text;
  const put = toText(replacement);
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) count += 1;
  reserveChars(text.length + count * (put.length - find.length));
  return count === 0 ? text : text.split(find).join(put);
}

/** Texts of the parts, then their joined length reserved before the join builds it. */
function joinTexts(parts: readonly unknown[], separator: string): string {
  const texts: string[] = [];
  let length = Math.max(0, parts.length - 1) * separator.length;
  for (const part of parts) {
    const text = toText(part);
    // Text of an object is as large as the object: reserved as soon as it is built.
    if (part !== null && typeof part === 'object') reserveChars(text.length);
    texts.push(text);
    length += text.length;
  }
  reserveChars(length);
  return texts.join(separator);
}

/** One text in, one text out of about its length (trim, case changes, digits). */
function sameSize(value: unknown, change: (text: string) => string): string {
  const text = toText(value);
  reserveChars(text.length);
  return change(text);
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
    return joinTexts(Array.isArray(list) ? list : [list], sep);
  },
  concat: (args) => joinTexts(args, ''),
  trim: ([value]) => sameSize(value, (text) => text.trim()),
  upper: ([value]) => sameSize(value, (text) => text.toUpperCase()),
  lower: ([value]) => sameSize(value, (text) => text.toLowerCase()),
  digits: ([value]) => sameSize(value, (text) => text.replace(/\D+/g, '')),
  replace: ([value, search, replacement]) => replaceAllText(value, search, replacement),
  substring: ([value, start, end]) => substring(value, start, end),
  date: ([value, format, zone]) => formatDate(value, format, zone),
  number: ([value]) => toNumber(value),
  string: ([value]) => {
    const text = toText(value);
    reserveChars(text.length);
    return text;
  },
  boolean: ([value]) => toBoolean(value),
  json: ([value]) => {
    let text: string;
    try {
      text = JSON.stringify(value) ?? 'null';
    } catch {
      return '';
    }
    reserveChars(text.length);
    return text;
  },
  // Replaces the built-in, which would consult Handlebars' prototype rules and log to the console.
  lookup: ([holder, key]) => ownValue(holder, key),
};

/** Names a template may use as `{{#name}}`: the Handlebars built-ins that change flow or context. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with']);
