import type { RawRequest } from '@provod/contracts';
import { MASK } from '@provod/engine';
import Busboy from 'busboy';
import * as qs from 'qs';
import { WebhookInputError } from './webhook-input.error';

export interface IncomingWebhook {
  method: string;
  /** The query string as sent, without the leading "?". */
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const MAX_DEPTH = 64;
/** Fields in a query string, form or multipart body. Past it the request is refused, never cut short. */
export const MAX_FIELDS = 5_000;
const MAX_FILES = 50;
// PHP-style bracket keys (`client[u_name]=…`) become nested objects, as U-ON and PHP senders mean them.
// parameterLimit sits one above MAX_FIELDS: countFields refuses first, so qs never drops a field.
const QS_OPTIONS: qs.IParseOptions = { depth: 20, parameterLimit: MAX_FIELDS + 1, arrayLimit: 200, allowPrototypes: false };

const tooManyFields = (where: string) =>
  new WebhookInputError(413, `The ${where} has more than ${MAX_FIELDS} fields; send at most ${MAX_FIELDS}.`);

/** Parses `a=1&b=2` after checking the count, in one linear scan without building a list. */
function parseForm(text: string, where: string): Record<string, unknown> {
  let fields = 0;
  for (let at = 0; at <= text.length; ) {
    const next = text.indexOf('&', at);
    const end = next === -1 ? text.length : next;
    if (end > at && ++fields > MAX_FIELDS) throw tooManyFields(where);
    at = end + 1;
  }
  return qs.parse(text, QS_OPTIONS) as Record<string, unknown>;
}
const SECRET_HEADER = /authorization|cookie|token|secret|signature|password|api[-_]?key/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Turns a received request into what is stored: exact bytes plus a body decoded by content type. */
export async function parseWebhookRequest(incoming: IncomingWebhook): Promise<RawRequest> {
  const contentType = headerValue(incoming.headers['content-type']);
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
  const text = decodeUtf8(incoming.body);
  return {
    method: incoming.method.toUpperCase(),
    query: parseForm(incoming.rawQuery, 'query string'),
    headers: storedHeaders(incoming.headers),
    contentType,
    // jsonb cannot hold NUL, so such a body is kept byte-exact as base64 instead.
    bodyText: text !== null && !text.includes('\u0000') ? text : incoming.body.toString('base64'),
    bodyEncoding: text !== null && !text.includes('\u0000') ? 'utf8' : 'base64',
    body: incoming.body.length === 0 ? null : await decodeBody(mediaType, contentType, incoming.body, text),
  };
}

async function decodeBody(
  mediaType: string | null,
  contentType: string | null,
  bytes: Buffer,
  text: string | null,
): Promise<unknown> {
  if (mediaType === 'multipart/form-data') return parseMultipart(contentType as string, bytes);
  if (text === null) {
    if (mediaType === 'application/json' || mediaType?.endsWith('+json') || mediaType === 'application/x-www-form-urlencoded') {
      throw new WebhookInputError(400, 'The body is not valid UTF-8 text.');
    }
    return null; // binary: the raw bytes are stored base64
  }
  if (mediaType === 'application/json' || mediaType?.endsWith('+json')) return parseJson(text);
  if (mediaType === 'application/x-www-form-urlencoded') return parseForm(text, 'form body');
  // text/plain and untyped bodies: senders often put JSON there; keep plain text otherwise.
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return parseJson(text);
    } catch {
      return text;
    }
  }
  return text;
}

function parseJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new WebhookInputError(400, `The body is not valid JSON: ${reason}`);
  }
  if (depthExceeds(value, MAX_DEPTH)) {
    throw new WebhookInputError(400, `The JSON body is nested deeper than ${MAX_DEPTH} levels.`);
  }
  return value;
}

/** Iterative, so a hostile 100 000-level document cannot overflow the stack. */
function depthExceeds(root: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

function parseMultipart(contentType: string, bytes: Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      // The body is already within WEBHOOK_MAX_BODY_BYTES: no field or file is cut shorter than that.
      parser = Busboy({
        headers: { 'content-type': contentType },
        limits: { fields: MAX_FIELDS, files: MAX_FILES, parts: MAX_FIELDS + MAX_FILES, fieldSize: bytes.length, fieldNameSize: bytes.length },
      });
    } catch (error) {
      reject(new WebhookInputError(400, `The multipart body cannot be read: ${(error as Error).message}`));
      return;
    }
    const fields = new URLSearchParams();
    const files: Array<{ field: string; filename: string; contentType: string; size: number }> = [];
    let refused: WebhookInputError | null = null;
    // busboy stops emitting past a limit and says so once: that must refuse, not store a part of the form.
    const refuse = (error: WebhookInputError) => {
      refused ??= error;
    };
    parser.on('fieldsLimit', () => refuse(tooManyFields('multipart body')));
    parser.on('partsLimit', () => refuse(tooManyFields('multipart body')));
    parser.on('filesLimit', () => refuse(new WebhookInputError(413, `The multipart body has more than ${MAX_FILES} files.`)));
    parser.on('field', (name, value) => fields.append(name, value));
    parser.on('file', (field, stream, info) => {
      let size = 0;
      stream.on('data', (chunk: Buffer) => (size += chunk.length));
      stream.on('end', () => files.push({ field, filename: info.filename ?? '', contentType: info.mimeType, size }));
    });
    parser.on('error', (error: Error) => reject(new WebhookInputError(400, `The multipart body cannot be read: ${error.message}`)));
    parser.on('close', () => {
      if (refused) return reject(refused);
      const body = qs.parse(fields.toString(), QS_OPTIONS) as Record<string, unknown>;
      resolve(files.length ? { ...body, _files: files } : body);
    });
    parser.end(bytes);
  });
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

function storedHeaders(headers: IncomingWebhook['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const v = headerValue(value);
    if (v === null) continue;
    out[name] = SECRET_HEADER.test(name) ? MASK : v;
  }
  return out;
}
