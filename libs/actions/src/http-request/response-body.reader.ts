import iconv from 'iconv-lite';
import qs from 'qs';
import { exceedsDepth } from '../json-parser/data-size.guard';
import { isFormType, isJsonType, mayHoldUnlabelledJson, parseContentType } from './content-type';

/** Deeper documents cannot be stored or walked safely; no real API answers like that. */
export const MAX_RESPONSE_DEPTH = 256;

export interface ReadBody {
  /** The body as later steps see it: parsed JSON, form fields as an object, or text. */
  value: unknown;
  text: string;
  /** Set when the response declared JSON that does not parse. */
  invalidJson?: boolean;
  /** Set when the JSON parses but is nested deeper than MAX_RESPONSE_DEPTH. */
  tooDeep?: boolean;
}

/** Decodes and parses a response body according to its Content-Type. */
export function readResponseBody(body: Buffer, contentTypeHeader: string | undefined): ReadBody {
  const { mime, charset } = parseContentType(contentTypeHeader);
  const text = decode(body, charset);
  if (isJsonType(mime)) {
    if (text.trim() === '') return { value: null, text };
    const parsed = tryJson(text);
    if (parsed.ok && exceedsDepth(parsed.value, MAX_RESPONSE_DEPTH)) return { value: null, text, tooDeep: true };
    return parsed.ok ? { value: parsed.value, text } : { value: text, text, invalidJson: true };
  }
  if (isFormType(mime)) {
    return { value: qs.parse(text, { depth: 10, parameterLimit: 10_000, arrayLimit: 1000 }), text };
  }
  if (mayHoldUnlabelledJson(mime) && looksLikeJsonDocument(text)) {
    const parsed = tryJson(text);
    if (parsed.ok && !exceedsDepth(parsed.value, MAX_RESPONSE_DEPTH)) return { value: parsed.value, text };
  }
  return { value: text, text };
}

function decode(body: Buffer, charset: string | undefined): string {
  // Russian services still answer in windows-1251 or koi8-r; anything unknown is read as UTF-8.
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && iconv.encodingExists(charset)) {
    return iconv.decode(body, charset);
  }
  return iconv.decode(body, 'utf-8');
}

function looksLikeJsonDocument(text: string): boolean {
  const trimmed = text.trim();
  return (
    (trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))
  );
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
