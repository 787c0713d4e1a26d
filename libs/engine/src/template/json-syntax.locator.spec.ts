import { locateJsonError } from './json-syntax.locator';

describe('locateJsonError', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of ['{}', '[]', ' 1 ', '"x"', 'null', '{"a":[1,-2.5e3,{"b":"\\u0041\\n"}],"c":true}']) {
      expect(locateJsonError(text)).toBeNull();
    }
  });

  it.each([
    ['', 1, 1, 'the text is empty'],
    ['{"a": }', 1, 7, 'unexpected "}" where a value was expected'],
    ['{"a": 1,}', 1, 9, 'a comma before "}" is not allowed in JSON'],
    ["{'a': 1}", 1, 2, 'expected a property name in double quotes but found "\'"'],
    ['{"a" 1}', 1, 6, 'expected ":" after the property name but found "1"'],
    ['[1 2]', 1, 4, 'expected "," or "]" but found "2"'],
    ['{"a": "x\ny"}', 1, 9, 'a line break or tab inside a text value must be written as \\n or \\t'],
    ['{\n "a": "x\\q"\n}', 2, 9, '"\\q" is not a valid escape in JSON'],
    ['[1', 1, 3, 'the text ends before the closing "]"'],
    ['{"a": tru}', 1, 7, 'unexpected "t" where a value was expected (text needs double quotes)'],
    ['{} x', 1, 4, 'there is more text after the end of the JSON'],
    ['{"a": "x', 1, 7, 'a text value is not closed with a double quote'],
  ])('%j → line %i column %i', (text, line, column, reason) => {
    expect(locateJsonError(text)).toEqual({ line, column, reason });
  });

  it('agrees with JSON.parse on random input', () => {
    const samples = ['{"a":[1,2,{"b":null}]}', '[[[[]]]]', '{"a":1}}', '[,1]', '01', '-', '1.', '{"a":1 "b":2}'];
    for (const text of samples) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(locateJsonError(text) === null).toBe(valid);
    }
  });

  it('copes with very deep nesting', () => {
    expect(locateJsonError('['.repeat(100_000))).toEqual(expect.objectContaining({ reason: 'the text ends where a value was expected' }));
  });
});
