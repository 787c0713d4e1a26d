/**
 * Turns Handlebars' parser output ("Expecting 'ID', 'STRING', ... got 'INVALID'") into a sentence a
 * person editing a template can act on.
 */
export function describeSyntaxError(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const line = /on line (\d+)/.exec(raw)?.[1] ?? / - (\d+):\d+/.exec(raw)?.[1];
  const where = line ? ` (line ${line})` : '';

  const mismatch = /^(\S+) doesn't match (\S+)/.exec(raw);
  if (mismatch) {
    const opened = line ? ` opened on line ${line}` : '';
    return `The block {{#${mismatch[1]}}}${opened} is closed with {{/${mismatch[2]}}}`;
  }

  const invalidPath = /^Invalid path: (\S+)/.exec(raw);
  if (invalidPath) return `"${invalidPath[1]}" is not a valid reference${where}`;

  const got = /got '([^']+)'/.exec(raw)?.[1];
  if (got === 'EOF') return `The template ends before a {{ }} expression or a {{#block}} is closed${where}`;
  if (got === 'INVALID') {
    return `A {{ }} expression is not written correctly: it is not closed or holds a character that is not allowed${where}`;
  }
  if (got) return `The template has a syntax error${where}: unexpected ${tokenName(got)}`;
  const firstLine = raw.split('\n', 1)[0] ?? raw;
  return `The template has a syntax error${where}: ${firstLine}`;
}

function tokenName(token: string): string {
  switch (token) {
    case 'CLOSE':
    case 'CLOSE_UNESCAPED':
      return '"}}"';
    case 'OPEN':
    case 'OPEN_UNESCAPED':
      return '"{{"';
    case 'OPEN_ENDBLOCK':
      return 'closing {{/…}}';
    case 'OPEN_BLOCK':
      return 'block {{#…}}';
    case 'INVERSE':
    case 'OPEN_INVERSE':
    case 'OPEN_INVERSE_CHAIN':
      return '{{else}}';
    case 'OPEN_SEXPR':
      return '"("';
    case 'CLOSE_SEXPR':
      return '")"';
    default:
      return token.toLowerCase().replace(/_/g, ' ');
  }
}
