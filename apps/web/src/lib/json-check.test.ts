import { describe, expect, it } from 'vitest';
import { checkJson } from './json-check';

describe('checkJson', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', ' "s" ', '0']) expect(checkJson(text)).toBeNull();
  });

  it.each([
    ['{"a": 1,}', 'trailingComma', 1, 9],
    ['{"a": 1 "b": 2}', 'expectedCommaOrEnd', 1, 9],
    ['{\n  a: 1\n}', 'expectedKey', 2, 3],
    ['{"a" 1}', 'expectedColon', 1, 6],
    ['{"a": "x', 'unterminatedString', 1, 9],
    ['{"a": 01}', 'badNumber', 1, 7],
    ['{"a": 1}}', 'extraContent', 1, 9],
    ['{"a": ', 'unexpectedEnd', 1, 7],
    ['', 'empty', 1, 1],
    ['{"a": tru}', 'unexpectedChar', 1, 7],
    ['{"a": 1,, "b": 2}', 'unexpectedChar', 1, 9],
  ])('%j → %s at %i:%i', (text, code, line, column) => {
    expect(checkJson(text)).toMatchObject({ code, line, column });
  });
});
