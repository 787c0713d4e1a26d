import { checkJson } from '@provod/contracts';
import { describeJsonError, jsonProblemReason } from './json-syntax.message';

const reasonOf = (text: string) => jsonProblemReason(text, checkJson(text)!);

describe('jsonProblemReason', () => {
  it.each([
    ['', 'the text is empty'],
    ['{"a": }', 'unexpected "}" where a value was expected'],
    ['<html>Bad gateway</html>', 'unexpected "<" where a value was expected'],
    ['{"a": 1,}', 'a comma before "}" is not allowed in JSON'],
    ["{'a': 1}", 'expected a property name in double quotes but found "\'"'],
    ["['a']", 'JSON text needs double quotes, not single quotes'],
    ['{"a" 1}', 'expected ":" after the property name but found "1"'],
    ['[1 2]', 'expected "," or "]" but found "2"'],
    ['{"a": "x\ny"}', 'a text value is not closed with a double quote before the line ends (a line break inside one is written as \\n)'],
    ['{"a": "x\ty"}', 'a tab or another control character inside a text value must be written as \\t or \\uXXXX'],
    ['{\n "a": "x\\q"\n}', '"\\q" is not a valid escape in JSON'],
    ['["\\u00"]', 'a \\u escape needs four hex digits'],
    ['[1', 'the text ends before the closing "]"'],
    ['{"a": tru}', 'unexpected "t" where a value was expected (text needs double quotes)'],
    ['{} x', 'there is more text after the end of the JSON'],
    ['{"a": "x', 'a text value is not closed with a double quote'],
    ['[01]', 'this number is not written the JSON way'],
  ])('%j: %s', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});

describe('describeJsonError', () => {
  it('says what and where, or gives the fallback for valid JSON', () => {
    expect(describeJsonError('{\n  "a": 1,\n}', 'fallback')).toBe('a comma before "}" is not allowed in JSON at line 3, column 1');
    expect(describeJsonError('{"a": 1}', 'fallback')).toBe('fallback');
  });
});
