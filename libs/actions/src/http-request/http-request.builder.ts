import type { HttpRequestSettings, TemplatedPair } from '@provod/contracts';
import { isStepFailure, renderJsonTemplate, renderText, renderUrl, type Scope, StepFailure } from '@provod/engine';

/** What the history shows for a request: everything as rendered, in the shape it was sent. */
export interface HttpRequestInput {
  method: string;
  url: string;
  headers: Record<string, string>;
  query?: Array<{ name: string; value: string }>;
  body?: unknown;
}

export interface BuiltRequest {
  input: HttpRequestInput;
  url: string;
  headers: Record<string, string>;
  body?: string;
  unresolved: string[];
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// HTTP headers carry Latin-1 at most; line breaks would start a new header.
const HEADER_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Renders the settings into the request to send. The partly built input travels in every failure's
 * details, so the history shows how far rendering got.
 */
export function buildRequest(settings: HttpRequestSettings, scope: Scope): BuiltRequest {
  const unresolved = new Set<string>();
  const input: HttpRequestInput = { method: settings.method, url: '', headers: {} };
  const collect = <T>(rendered: { value: T; unresolved: string[] }): T => {
    for (const name of rendered.unresolved) unresolved.add(name);
    return rendered.value;
  };
  try {
    input.url = collect(renderUrl(settings.url, scope));
    const query = (settings.query ?? []).map((pair) => renderPair(pair, scope, collect));
    if (query.length) {
      input.query = query;
      input.url = appendQuery(input.url, query);
    }
    const url = checkUrl(input.url);
    input.url = url;

    const headers: Record<string, string> = {};
    for (const pair of settings.headers ?? []) {
      const { name, value } = renderPair(pair, scope, collect);
      setHeader(headers, checkHeaderName(name), checkHeaderValue(name, value.trim()));
    }
    input.headers = headers;

    const body = renderBody(settings.body ?? { mode: 'none' }, scope, collect, input);
    if (body && !hasHeader(headers, 'content-type')) headers['content-type'] = body.contentType;
    return { input, url, headers, ...(body ? { body: body.text } : {}), unresolved: [...unresolved] };
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    const details = isRecord(error.details) ? error.details : {};
    throw new StepFailure(error.code, error.message, { ...details, input });
  }
}

type Collect = <T>(rendered: { value: T; unresolved: string[] }) => T;

function renderPair(pair: TemplatedPair, scope: Scope, collect: Collect): { name: string; value: string } {
  return { name: collect(renderText(pair.name, scope)), value: collect(renderText(pair.value, scope)) };
}

function renderBody(
  body: HttpRequestSettings['body'],
  scope: Scope,
  collect: Collect,
  input: HttpRequestInput,
): { text: string; contentType: string } | null {
  switch (body.mode) {
    case 'json': {
      const value = collect(renderJsonTemplate(body.template, scope));
      input.body = value;
      return { text: JSON.stringify(value), contentType: 'application/json; charset=utf-8' };
    }
    case 'form': {
      const fields = body.fields.map((pair) => renderPair(pair, scope, collect));
      input.body = fields;
      const encoded = new URLSearchParams(fields.map((f): [string, string] => [f.name, f.value])).toString();
      return { text: encoded, contentType: 'application/x-www-form-urlencoded' };
    }
    case 'raw': {
      const text = collect(renderText(body.text, scope));
      input.body = text;
      return { text, contentType: body.contentType || 'text/plain; charset=utf-8' };
    }
    default:
      return null;
  }
}

/**
 * Adds the query pairs without re-serialising the query already written in the URL template, which
 * URLSearchParams would do (and change its encoding).
 */
export function appendQuery(url: string, pairs: Array<{ name: string; value: string }>): string {
  const hashAt = url.indexOf('#');
  const head = hashAt < 0 ? url : url.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : url.slice(hashAt);
  const extra = new URLSearchParams(pairs.map((p): [string, string] => [p.name, p.value])).toString();
  const joiner = !head.includes('?') ? '?' : head.endsWith('?') || head.endsWith('&') ? '' : '&';
  return `${head}${joiner}${extra}${fragment}`;
}

function checkUrl(rendered: string): string {
  const text = rendered.trim();
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new StepFailure('invalid_url', `The address "${shorten(text)}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new StepFailure('invalid_url', `The address must start with http:// or https://, not ${parsed.protocol}//`);
  }
  // A "." or ".." segment would be resolved away and move the request to another path.
  const path = text.replace(/^[a-z]+:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  if (path.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    throw new StepFailure('invalid_url', `The address "${shorten(text)}" contains a "." or ".." path segment`);
  }
  return parsed.href;
}

function checkHeaderName(name: string): string {
  const trimmed = name.trim();
  if (!HEADER_NAME.test(trimmed)) {
    throw new StepFailure('invalid_header', `"${shorten(trimmed)}" cannot be a header name: use Latin letters, digits and -`);
  }
  return trimmed;
}

function checkHeaderValue(name: string, value: string): string {
  if (!HEADER_VALUE.test(value)) {
    throw new StepFailure(
      'invalid_header',
      `The header ${name} holds a line break or characters headers cannot carry (such as Cyrillic); use the URL or body for such values`,
    );
  }
  return value;
}

/** Header names are case-insensitive: a later header replaces an earlier one of the same name. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((existing) => existing.toLowerCase() === name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
