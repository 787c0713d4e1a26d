/**
 * Hides the passwords and secret-looking query parameters of http(s) URLs in free text. Scanned by
 * hand in one pass: a regular expression for "name=value" pairs backtracks quadratically on a run of
 * "?" (a 420 000-character one blocked a worker for 80 s).
 */
import { MASK } from './mask.constant';

const SECRET_PARAM =
  /^(?:[a-z0-9]*[_-])?(?:api_?key|apikey|key|token|access_token|secret|password|passwd|pass|auth|signature|sig)$/i;
/** Parameter names are short; a longer "name" is data and is not tested. */
const MAX_PARAM_NAME = 64;

export function maskUrlCredentials(text: string): string {
  if (text.includes('://')) return maskUrlsInText(text);
  // A request target ("/hooks/x?token=…") or a bare query string, as request logs hold them.
  return text.startsWith('?') || text.startsWith('/') ? maskQuery(text) : text;
}

function maskUrlsInText(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (let at = text.indexOf('://', from); at >= 0; at = text.indexOf('://', from)) {
    const start = schemeStart(text, at);
    from = at + 3;
    if (start < 0) continue;
    let end = from;
    while (end < text.length && !endsUrl(text.charCodeAt(end))) end += 1;
    if (end === from) continue;
    out += text.slice(copied, start) + maskUrl(text.slice(start, end));
    copied = end;
    from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where "http" or "https" begins before "://" at `at`, when it starts a word; -1 otherwise. */
function schemeStart(text: string, at: number): number {
  for (const scheme of ['https', 'http']) {
    const start = at - scheme.length;
    if (start < 0 || text.slice(start, at).toLowerCase() !== scheme) continue;
    return start > 0 && isWordChar(text.charCodeAt(start - 1)) ? -1 : start;
  }
  return -1;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** Whitespace and the characters that close a URL quoted in text or markup. */
function endsUrl(code: number): boolean {
  return code <= 32 || code === 34 || code === 39 || code === 60 || code === 62 || code === 96 || code === 0x85 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x3000;
}

function maskUrl(url: string): string {
  return maskQuery(maskUserInfo(url));
}

/** `https://user:password@host` → `https://user:••••••@host`. */
function maskUserInfo(url: string): string {
  const authority = url.indexOf('://') + 3;
  let colon = -1;
  for (let i = authority; i < url.length; i += 1) {
    const ch = url[i];
    if (ch === '/' || ch === '?' || ch === '#') return url;
    if (ch === '@') return colon < 0 || colon === i - 1 ? url : `${url.slice(0, colon + 1)}${MASK}${url.slice(i)}`;
    if (ch === ':' && colon < 0) colon = i;
  }
  return url;
}

function isSeparator(ch: string | undefined): boolean {
  return ch === '?' || ch === '&' || ch === ';';
}

function endsValue(ch: string | undefined): boolean {
  return ch === '&' || ch === '#' || ch === ';';
}

function endsName(ch: string | undefined): boolean {
  return ch === '=' || ch === '&' || ch === '#' || ch === ';';
}

/**
 * Replaces the values of secret-looking `name=value` pairs that follow "?", "&" or ";". A scan that
 * finds no "=" resumes where it stopped: any pair starting in between would stop at the same place.
 */
function maskQuery(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    if (!isSeparator(text[i])) {
      i += 1;
      continue;
    }
    let nameEnd = i + 1;
    while (nameEnd < text.length && !endsName(text[nameEnd])) nameEnd += 1;
    if (nameEnd === i + 1 || text[nameEnd] !== '=') {
      i = nameEnd;
      continue;
    }
    let valueEnd = nameEnd + 1;
    while (valueEnd < text.length && !endsValue(text[valueEnd])) valueEnd += 1;
    const value = text.slice(nameEnd + 1, valueEnd);
    if (value !== '' && value !== MASK && isSecretName(text.slice(i + 1, nameEnd))) {
      out += `${text.slice(copied, nameEnd + 1)}${MASK}`;
      copied = valueEnd;
    }
    i = valueEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isSecretName(name: string): boolean {
  return name.length <= MAX_PARAM_NAME && SECRET_PARAM.test(safeDecode(name));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}
