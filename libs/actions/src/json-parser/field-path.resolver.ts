import { StepFailure } from '@provod/engine';
import { JSONPath } from 'jsonpath-plus';

export const MAX_PATH_LENGTH = 1000;
/** `$..*` over a large answer lists every node; each would be stored again with the step's output. */
export const MAX_MATCHES = 10_000;

export type PathSegment = string | number;

/**
 * Result of following a path: where it ended and, when it fell short, what was there instead.
 * `multiple` marks a JSONPath that matched several values, given as a list of them.
 */
export type PathLookup =
  | { found: true; value: unknown; multiple?: true }
  | { found: false; stoppedAt: unknown; missing: PathSegment | null };

/**
 * Reads the two hand-written path forms: Webjack's `["request"][0]["client_name"]` and the dotted
 * `request[0].client_name` (also `request.0.client_name`, `client[u_name]`). Written by hand, without
 * eval, so a path is only ever data.
 */
export function parseFieldPath(path: string): PathSegment[] {
  if (path.length > MAX_PATH_LENGTH) {
    throw new StepFailure('invalid_path', `The path is longer than ${MAX_PATH_LENGTH} characters`);
  }
  const segments: PathSegment[] = [];
  const text = path.trim();
  let i = 0;
  const fail = (reason: string): never => {
    throw new StepFailure('invalid_path', `The path ${text} cannot be read: ${reason} (at character ${i + 1})`);
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      i = skipSpace(text, i + 1);
      const quote = text[i];
      if (quote === '"' || quote === "'") {
        const { value, end } = readQuoted(text, i, fail);
        segments.push(value);
        i = skipSpace(text, end);
      } else {
        const close = text.indexOf(']', i);
        if (close < 0) fail('a "[" is not closed with "]"');
        const raw = text.slice(i, close).trim();
        if (raw === '') fail('"[]" names nothing');
        segments.push(/^\d+$/.test(raw) ? Number(raw) : raw);
        i = close;
      }
      if (text[i] !== ']') fail('expected "]"');
      i += 1;
    } else if (ch === '.') {
      i += 1;
      if (i >= text.length || text[i] === '.') fail('a "." must be followed by a name');
    } else {
      let end = i;
      while (end < text.length && text[end] !== '.' && text[end] !== '[') end += 1;
      const name = text.slice(i, end).trim();
      if (name.includes(']')) fail('a "]" has no matching "["');
      segments.push(name);
      i = end;
    }
  }
  if (segments.length === 0) fail('it names nothing');
  return segments;
}

function readQuoted(text: string, start: number, fail: (reason: string) => never): { value: string; end: number } {
  const quote = text[start];
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (next === undefined) break;
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
      continue;
    }
    value += ch;
    i += 1;
  }
  return fail('a quoted name is not closed');
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i += 1;
  return i;
}

/** Follows parsed segments through own properties only; iterative, so depth costs no stack. */
export function followPath(data: unknown, segments: readonly PathSegment[]): PathLookup {
  let current = data;
  for (const segment of segments) {
    const next = step(current, segment);
    if (next === undefined) return { found: false, stoppedAt: current, missing: segment };
    current = next.value;
  }
  return { found: true, value: current };
}

function step(holder: unknown, segment: PathSegment): { value: unknown } | undefined {
  if (holder === null || typeof holder !== 'object') return undefined;
  if (Array.isArray(holder)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : NaN;
    if (Number.isInteger(index) && index < holder.length) return { value: holder[index] as unknown };
    return segment === 'length' ? { value: holder.length } : undefined;
  }
  const key = String(segment);
  if (!Object.prototype.hasOwnProperty.call(holder, key)) return undefined;
  return { value: (holder as Record<string, unknown>)[key] };
}

/**
 * JSONPath (`$.request[0].client_name`, `$..price`) through jsonpath-plus with script evaluation off.
 * One match gives the value, several an array of them, none a miss.
 */
export function queryJsonPath(data: unknown, path: string): PathLookup {
  if (path.length > MAX_PATH_LENGTH) {
    throw new StepFailure('invalid_path', `The path is longer than ${MAX_PATH_LENGTH} characters`);
  }
  if (data === undefined || data === null) return { found: false, stoppedAt: data, missing: null };
  let matches: unknown;
  try {
    matches = JSONPath({ path, json: data as object, wrap: true, eval: false });
  } catch (error) {
    const reason = error instanceof RangeError ? 'the data is nested too deeply for it' : errorText(error);
    throw new StepFailure('invalid_path', `The JSONPath ${path} cannot be used: ${reason}`);
  }
  if (!Array.isArray(matches) || matches.length === 0) return { found: false, stoppedAt: data, missing: null };
  if (matches.length > MAX_MATCHES) {
    throw new StepFailure('invalid_path', `The JSONPath ${path} matches more than ${MAX_MATCHES} values; narrow it down`);
  }
  return matches.length === 1 ? { found: true, value: matches[0] as unknown } : { found: true, value: matches, multiple: true };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Reads a field path in whichever form it is written. */
export function resolveFieldPath(data: unknown, path: string): PathLookup {
  return path.trim().startsWith('$') ? queryJsonPath(data, path.trim()) : followPath(data, parseFieldPath(path));
}
