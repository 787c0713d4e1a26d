/** The parts of a Content-Type header that decide how a body is read. */
export interface ContentType {
  /** Lower-case `type/subtype`, or '' when the header is missing. */
  mime: string;
  /** Lower-case charset parameter when one is given. */
  charset?: string;
}

export function parseContentType(header: string | undefined): ContentType {
  if (!header) return { mime: '' };
  const [mimePart = '', ...params] = header.split(';');
  const result: ContentType = { mime: mimePart.trim().toLowerCase() };
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1').toLowerCase();
    if (charset) result.charset = charset;
  }
  return result;
}

export function isJsonType(mime: string): boolean {
  return mime === 'application/json' || mime === 'text/json' || mime.endsWith('+json');
}

export function isFormType(mime: string): boolean {
  return mime === 'application/x-www-form-urlencoded';
}

/** Servers that label JSON as plain text (or not at all) are common enough to be worth a try. */
export function mayHoldUnlabelledJson(mime: string): boolean {
  return mime === '' || mime === 'text/plain' || mime === 'text/html';
}
