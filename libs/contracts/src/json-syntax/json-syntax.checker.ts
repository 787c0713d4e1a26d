/**
 * A strict JSON checker that says where the first mistake is and what kind it is. `JSON.parse`
 * messages differ between runtimes and mostly give a character offset at best; a person fixing a
 * template needs a line and a column, and the reason as a code each side words in its own way (the
 * web app in the reader's language, the engine in a step's technical message). Shared by both, so the
 * editor and the worker never disagree about whether a text is JSON. Iterative: deeply nested input
 * cannot exhaust the stack.
 */
export type JsonProblemCode =
  | 'unexpectedChar'
  | 'unexpectedEnd'
  | 'unterminatedString'
  | 'badEscape'
  | 'badNumber'
  | 'trailingComma'
  | 'expectedColon'
  | 'expectedKey'
  | 'expectedCommaOrEnd'
  | 'extraContent'
  | 'controlChar'
  | 'empty';

export interface JsonProblem {
  code: JsonProblemCode;
  /** The character at the mistake, when the text has not ended there. */
  char?: string;
  /** The bracket that closes the object or array the mistake is in, when it is in one. */
  expected?: '}' | ']';
  offset: number;
  /** 1-based, as editors number them. */
  line: number;
  column: number;
}

type Closer = '}' | ']';

interface Found {
  code: JsonProblemCode;
  at: number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const WORDS = ['true', 'false', 'null'];

/** The first mistake in `text`, or null when it is valid JSON (exactly when `JSON.parse` accepts it). */
export function checkJson(text: string): JsonProblem | null {
  const stack: Closer[] = [];
  const found = scan(text, stack);
  if (!found) return null;
  const offset = Math.min(found.at, text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  const problem: JsonProblem = { code: found.code, offset, line, column: offset - lineStart + 1 };
  if (offset < text.length) problem.char = text[offset];
  const expected = stack[stack.length - 1];
  if (expected) problem.expected = expected;
  return problem;
}

/** Walks values and containers with an explicit stack of the brackets still to close. */
function scan(text: string, stack: Closer[]): Found | null {
  let i = skipSpace(text, 0);
  if (i >= text.length) return { code: 'empty', at: 0 };
  for (;;) {
    // A value starts at i.
    i = skipSpace(text, i);
    if (i >= text.length) return { code: 'unexpectedEnd', at: i };
    const c = text[i] as string;
    if (c === '{' || c === '[') {
      const closer: Closer = c === '{' ? '}' : ']';
      i = skipSpace(text, i + 1);
      if (text[i] === closer) {
        i += 1;
      } else {
        stack.push(closer);
        if (closer === '}') {
          const next = key(text, i);
          if (typeof next !== 'number') return next;
          i = next;
        }
        continue;
      }
    } else if (c === '"') {
      const end = string(text, i);
      if (typeof end !== 'number') return end;
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      // The mistake is the number as a whole (`01`, `1.`, `-`), so it points at where it starts.
      if (!match || /[0-9.eE]/.test(text[i + match[0].length] ?? '')) return { code: 'badNumber', at: i };
      i += match[0].length;
    } else {
      const word = WORDS.find((w) => text.startsWith(w, i));
      if (!word) return { code: 'unexpectedChar', at: i };
      i += word.length;
    }

    // After a value: close what it ends, or go on after a comma.
    for (;;) {
      i = skipSpace(text, i);
      const top = stack[stack.length - 1];
      if (top === undefined) return i < text.length ? { code: 'extraContent', at: i } : null;
      if (text[i] === top) {
        stack.pop();
        i += 1;
        continue;
      }
      if (text[i] !== ',') return { code: i >= text.length ? 'unexpectedEnd' : 'expectedCommaOrEnd', at: i };
      i = skipSpace(text, i + 1);
      if (text[i] === top) return { code: 'trailingComma', at: i };
      if (top === '}') {
        const next = key(text, i);
        if (typeof next !== 'number') return next;
        i = next;
      }
      break;
    }
  }
}

/** A property name and its colon; returns where its value starts. */
function key(text: string, start: number): number | Found {
  if (text[start] === ',') return { code: 'unexpectedChar', at: start };
  if (text[start] !== '"') return { code: start >= text.length ? 'unexpectedEnd' : 'expectedKey', at: start };
  const end = string(text, start);
  if (typeof end !== 'number') return end;
  const colon = skipSpace(text, end);
  if (text[colon] !== ':') return { code: colon >= text.length ? 'unexpectedEnd' : 'expectedColon', at: colon };
  return colon + 1;
}

/** A string from its opening quote; returns the index after its closing one. */
function string(text: string, start: number): number | Found {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code === 92) {
      const next = text[i + 1];
      if (next === undefined) return { code: 'unterminatedString', at: i };
      if (next === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { code: 'badEscape', at: i };
        i += 6;
        continue;
      }
      if (!ESCAPES.has(next)) return { code: 'badEscape', at: i };
      i += 2;
      continue;
    }
    // A line break inside a string is most often a closing quote left out at the end of the line.
    if (code < 0x20) return { code: code === 10 ? 'unterminatedString' : 'controlChar', at: i };
    i += 1;
  }
  return { code: 'unterminatedString', at: text.length };
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
