import fc from 'fast-check';
import { checkJson } from './json-syntax.checker';

describe('checkJson', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const text of ['{}', '[]', ' 1 ', '"x"', 'null', '0', ' "s" ', '{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', '{"a":[1,-2.5e3,{"b":"\\u0041\\n"}],"c":true}']) {
      expect(checkJson(text)).toBeNull();
    }
  });

  it.each([
    // The editor's cases: what its messages and marks rely on.
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
    // The engine's cases: what step errors and readiness problems say.
    ['{"a": }', 'unexpectedChar', 1, 7],
    ["{'a': 1}", 'expectedKey', 1, 2],
    ['[1 2]', 'expectedCommaOrEnd', 1, 4],
    ['{"a": "x\ny"}', 'unterminatedString', 1, 9],
    ['{"a": "x\ty"}', 'controlChar', 1, 9],
    ['{\n "a": "x\\q"\n}', 'badEscape', 2, 9],
    ['["\\u12"]', 'badEscape', 1, 3],
    ['[1', 'unexpectedEnd', 1, 3],
    ['{} x', 'extraContent', 1, 4],
    ['[1.]', 'badNumber', 1, 2],
    ['-', 'badNumber', 1, 1],
    ['[1,,2]', 'unexpectedChar', 1, 4],
    ['<html>', 'unexpectedChar', 1, 1],
  ])('%j → %s at %i:%i', (text, code, line, column) => {
    expect(checkJson(text)).toMatchObject({ code, line, column });
  });

  it('names the character at the mistake and the bracket it is inside', () => {
    expect(checkJson('{"a": 1,}')).toEqual({ code: 'trailingComma', char: '}', expected: '}', offset: 8, line: 1, column: 9 });
    expect(checkJson('[{"a": 1} 2]')).toEqual({ code: 'expectedCommaOrEnd', char: '2', expected: ']', offset: 10, line: 1, column: 11 });
    expect(checkJson('{"a": ')).toEqual({ code: 'unexpectedEnd', expected: '}', offset: 6, line: 1, column: 7 });
    expect(checkJson('1 2')).toEqual({ code: 'extraContent', char: '2', offset: 2, line: 1, column: 3 });
  });

  it('copes with very deep nesting', () => {
    expect(checkJson('['.repeat(100_000))).toMatchObject({ code: 'unexpectedEnd', expected: ']' });
    expect(checkJson(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeNull();
  });

  it('finds nothing wrong in any JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => checkJson(text) === null));
  });

  it('agrees with JSON.parse on JSON-like text', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', '1', '-', '0', '.5', 'e3', 'true', 'nul', ' ', '\n', '\\', "'", 'x');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        return (checkJson(text) === null) === valid;
      }),
      { numRuns: 5000 },
    );
  });
});
