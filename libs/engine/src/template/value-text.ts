/** How values from the scope become text, the same way in every template mode. */
import { StepFailure } from '../step-failure';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces unpaired surrogates with U+FFFD: encodeURIComponent and most servers reject them. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Text of a value as a person expects to see it inserted: nothing for a missing value, JSON for
 * objects and arrays (never "[object Object]"), plain digits for numbers.
 */
export function toText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return objectText(value);
    default:
      // undefined, functions and symbols have no sensible text.
      return '';
  }
}

function objectText(value: object | null): string {
  if (value === null) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    // Only data nested deeper than the stack allows gets here; it has no useful one-line form.
    return '';
  }
}

/** Text of a value made safe to sit anywhere in a URL without changing its path, host or query. */
export function toUrlComponent(value: unknown): string {
  return encodeURIComponent(toWellFormed(toText(value)));
}

/** A value reduced to what JSON can carry, so `JSON.stringify` of the result always parses back. */
export function toJsonSafe(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return String(value);
    case 'object':
      if (value === null) return null;
      if (Buffer.isBuffer(value)) return value.toString('utf8');
      try {
        return JSON.parse(JSON.stringify(value)) as unknown;
      } catch {
        throw new StepFailure('template_error', 'A value inserted by the template is nested too deeply to be sent as JSON');
      }
    default:
      return null;
  }
}
