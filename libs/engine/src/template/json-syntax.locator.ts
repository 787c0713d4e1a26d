/**
 * Finds where and why a text is not JSON. Node's JSON.parse names neither line nor column for most
 * mistakes, and a person fixing a template in a form needs both. A small validating scanner, iterative
 * so that deeply nested input cannot exhaust the stack.
 */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

type Container = 'object' | 'array';

class Problem {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Returns the first syntax problem, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonSyntaxProblem | null {
  const problem = scan(text);
  if (!problem) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < problem.at && i < text.length; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: problem.at - lineStart + 1, reason: problem.reason };
}

/** "…: reason at line L, column C" ready to put after a sentence's subject. */
export function describeJsonError(text: string, fallback: string): string {
  const problem = locateJsonError(text);
  if (!problem) return fallback;
  return `${problem.reason} at line ${problem.line}, column ${problem.column}`;
}

function scan(text: string): Problem | null {
  const stack: Container[] = [];
  let i = skipSpace(text, 0);
  if (i >= text.length) return new Problem(i, 'the text is empty');
  let expectValue = true;
  for (;;) {
    if (expectValue) {
      const result = scanValue(text, i, stack);
      if (result instanceof Problem) return result;
      i = result.next;
      if (result.opened) {
        i = skipSpace(text, i);
        const top = stack[stack.length - 1];
        const close = top === 'object' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i += 1;
        } else if (top === 'object') {
          const key = scanKey(text, i);
          if (key instanceof Problem) return key;
          i = key;
          continue;
        } else {
          continue;
        }
      }
      expectValue = false;
    }
    i = skipSpace(text, i);
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? new Problem(i, 'there is more text after the end of the JSON') : null;
    const close = top === 'object' ? '}' : ']';
    const ch = text[i];
    if (ch === close) {
      stack.pop();
      i += 1;
      continue;
    }
    if (ch !== ',') {
      if (i >= text.length) return new Problem(i, `the text ends before the closing "${close}"`);
      return new Problem(i, `expected "," or "${close}" but found ${shown(ch)}`);
    }
    i = skipSpace(text, i + 1);
    if (text[i] === close) return new Problem(i, `a comma before "${close}" is not allowed in JSON`);
    if (top === 'object') {
      const key = scanKey(text, i);
      if (key instanceof Problem) return key;
      i = key;
    }
    expectValue = true;
  }
}

function scanKey(text: string, start: number): number | Problem {
  if (text[start] !== '"') {
    if (start >= text.length) return new Problem(start, 'the text ends where a property name was expected');
    return new Problem(start, `expected a property name in double quotes but found ${shown(text[start])}`);
  }
  const end = scanString(text, start);
  if (end instanceof Problem) return end;
  const colon = skipSpace(text, end);
  if (text[colon] !== ':') return new Problem(colon, `expected ":" after the property name but found ${shown(text[colon])}`);
  return skipSpace(text, colon + 1);
}

function scanValue(text: string, start: number, stack: Container[]): { next: number; opened: boolean } | Problem {
  const ch = text[start];
  switch (ch) {
    case '{':
      stack.push('object');
      return { next: start + 1, opened: true };
    case '[':
      stack.push('array');
      return { next: start + 1, opened: true };
    case '"': {
      const end = scanString(text, start);
      return end instanceof Problem ? end : { next: end, opened: false };
    }
    case 't':
    case 'f':
    case 'n':
      for (const word of ['true', 'false', 'null']) {
        if (text.startsWith(word, start)) return { next: start + word.length, opened: false };
      }
      return new Problem(start, `unexpected ${shown(ch)} where a value was expected (text needs double quotes)`);
    case undefined:
      return new Problem(start, 'the text ends where a value was expected');
    default: {
      if (ch === '-' || (ch >= '0' && ch <= '9')) {
        NUMBER.lastIndex = start;
        const match = NUMBER.exec(text);
        if (match) return { next: start + match[0].length, opened: false };
        return new Problem(start, 'this number is not written the JSON way');
      }
      if (ch === "'") return new Problem(start, 'JSON text needs double quotes, not single quotes');
      return new Problem(start, `unexpected ${shown(ch)} where a value was expected`);
    }
  }
}

function scanString(text: string, start: number): number | Problem {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code === 92) {
      const next = text[i + 1];
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return new Problem(i, 'a \\u escape needs four hex digits');
        i += 6;
        continue;
      }
      if (next === undefined || !ESCAPES.has(next)) return new Problem(i, `"\\${next ?? ''}" is not a valid escape in JSON`);
      i += 2;
      continue;
    }
    if (code < 0x20) {
      return new Problem(i, 'a line break or tab inside a text value must be written as \\n or \\t');
    }
    i += 1;
  }
  return new Problem(start, 'a text value is not closed with a double quote');
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 13) break;
    i += 1;
  }
  return i;
}

function shown(ch: string | undefined): string {
  return ch === undefined ? 'the end of the text' : `"${ch}"`;
}
