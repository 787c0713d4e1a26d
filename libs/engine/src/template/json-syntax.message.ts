import { checkJson, type JsonProblem } from '@provod/contracts';

/**
 * What a JSON mistake is, in the words of a step's technical message (English; the reader's language
 * comes from the error catalogue around it). The checker itself lives in contracts, shared with the
 * web editor, so both agree on where the mistake is.
 */
export function jsonProblemReason(text: string, problem: JsonProblem): string {
  const found = problem.char === undefined ? 'the end of the text' : `"${problem.char}"`;
  switch (problem.code) {
    case 'empty':
      return 'the text is empty';
    case 'unexpectedEnd':
      return problem.expected ? `the text ends before the closing "${problem.expected}"` : 'the text ends where a value was expected';
    case 'unexpectedChar':
      if (problem.char === "'") return 'JSON text needs double quotes, not single quotes';
      return /^[a-z]$/i.test(problem.char ?? '')
        ? `unexpected ${found} where a value was expected (text needs double quotes)`
        : `unexpected ${found} where a value was expected`;
    case 'unterminatedString':
      return problem.char === '\n'
        ? 'a text value is not closed with a double quote before the line ends (a line break inside one is written as \\n)'
        : 'a text value is not closed with a double quote';
    case 'badEscape':
      return text[problem.offset + 1] === 'u' ? 'a \\u escape needs four hex digits' : `"\\${text[problem.offset + 1] ?? ''}" is not a valid escape in JSON`;
    case 'badNumber':
      return 'this number is not written the JSON way';
    case 'trailingComma':
      return `a comma before ${found} is not allowed in JSON`;
    case 'expectedColon':
      return `expected ":" after the property name but found ${found}`;
    case 'expectedKey':
      return `expected a property name in double quotes but found ${found}`;
    case 'expectedCommaOrEnd':
      return `expected "," or "${problem.expected ?? ''}" but found ${found}`;
    case 'extraContent':
      return 'there is more text after the end of the JSON';
    case 'controlChar':
      return 'a tab or another control character inside a text value must be written as \\t or \\uXXXX';
  }
}

/** "reason at line L, column C", ready to put after a sentence's subject; `fallback` when the text is JSON. */
export function describeJsonError(text: string, fallback: string): string {
  const problem = checkJson(text);
  if (!problem) return fallback;
  return `${jsonProblemReason(text, problem)} at line ${problem.line}, column ${problem.column}`;
}
