/**
 * A strict JSON checker that says where the first mistake is. `JSON.parse` messages differ between
 * browsers and often give only a character offset; people fixing a template need a line and column
 * and a reason in their own language, so the reason is a code the UI translates.
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
  /** The offending character, when there is one. */
  char?: string;
  offset: number;
  /** 1-based, as editors number them. */
  line: number;
  column: number;
}

class Fail extends Error {
  constructor(
    readonly code: JsonProblemCode,
    readonly offset: number,
  ) {
    super(code);
  }
}

export function checkJson(text: string): JsonProblem | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const fail = (code: JsonProblemCode, at = i): never => {
    throw new Fail(i >= text.length && code === 'unexpectedChar' ? 'unexpectedEnd' : code, at);
  };

  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const next = text[i + 1];
        if (next === undefined) fail('unterminatedString');
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('badEscape');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next as string)) fail('badEscape');
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail(c === '\n' ? 'unterminatedString' : 'controlChar');
      i++;
    }
    fail('unterminatedString');
  };

  const number = () => {
    const start = i;
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === '-' || match[0] === '') fail('badNumber', start);
    i += (match as RegExpExecArray)[0].length;
    // The mistake is the number as a whole (`01`, `1.`), so point at where it starts.
    if (i < text.length && /[0-9.eE]/.test(text[i] as string)) fail('badNumber', start);
  };

  const value = (): void => {
    ws();
    if (i >= text.length) fail('unexpectedEnd');
    const c = text[i] as string;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('unexpectedChar');
  };

  const object = () => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') fail('trailingComma');
      if (text[i] === ',') fail('unexpectedChar');
      if (text[i] !== '"') fail(i >= text.length ? 'unexpectedEnd' : 'expectedKey');
      string();
      ws();
      if (text[i] !== ':') fail(i >= text.length ? 'unexpectedEnd' : 'expectedColon');
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail(i >= text.length ? 'unexpectedEnd' : 'expectedCommaOrEnd');
    }
  };

  const array = () => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailingComma');
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail(i >= text.length ? 'unexpectedEnd' : 'expectedCommaOrEnd');
    }
  };

  try {
    ws();
    if (i >= text.length) throw new Fail('empty', 0);
    value();
    ws();
    if (i < text.length) fail('extraContent');
    return null;
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    const offset = Math.min(error.offset, text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const char = offset < text.length ? text[offset] : undefined;
    return { code: error.code, char, offset, line, column };
  }
}
