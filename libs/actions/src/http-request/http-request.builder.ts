import type { HttpRequestSettings, TemplatedPair } from '@provod/contracts';
import {
  MASK,
  maskedPreview,
  renderJsonTemplate,
  renderText,
  renderUrl,
  runPureTask,
  scopeFor,
  type SandboxPort,
  type Scope,
  StepFailure,
} from '@provod/engine';
import { throwWithInput } from '../step-input';
import { buildAuth } from './request-auth.builder';

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
  /** Headers holding credentials, to be left behind when a redirect leads to another server. */
  credentialHeaders: string[];
}

export interface BuildExtras {
  /** Sent under this header unless the settings already set one of that name. */
  idempotencyKey?: { header: string; value: string };
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// HTTP headers carry Latin-1 at most; line breaks would start a new header.
const HEADER_VALUE = /^[\t\x20-\x7E\x80-\xFF]*$/;
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** Shown as MASK in the history whatever they hold, even when the credential was typed in, not a secret. */
const ALWAYS_MASKED = ['authorization', 'proxy-authorization'];

export interface BuildTask {
  settings: HttpRequestSettings;
  scope: Scope;
  extras: BuildExtras;
}

/** buildRequest where it can be stopped: in place when small, else in the sandbox (see runPureTask). */
export function buildRequestIn(sandbox: SandboxPort | undefined, settings: HttpRequestSettings, scope: Scope, extras: BuildExtras = {}): Promise<BuiltRequest> {
  return runPureTask(sandbox, 'http_request.build', { settings, scope: scopeFor(settings, scope), extras }, buildRequestTask);
}

export function buildRequestTask({ settings, scope, extras }: BuildTask): BuiltRequest {
  return buildRequest(settings, scope, extras);
}

/**
 * Renders the settings into the request to send. The partly built input travels in every failure's
 * details, so the history shows how far rendering got.
 */
export function buildRequest(settings: HttpRequestSettings, scope: Scope, extras: BuildExtras = {}): BuiltRequest {
  const unresolved = new Set<string>();
  const input: HttpRequestInput = { method: settings.method, url: '', headers: {} };
  const collect = <T>(rendered: { value: T; unresolved: string[] }): T => {
    for (const name of rendered.unresolved) unresolved.add(name);
    return rendered.value;
  };
  const headers: Record<string, string> = {};
  const masked = new Set(ALWAYS_MASKED);
  const secrets = Object.values(scope.secrets);
  const checkHeaderName = (name: string): string => checkHeaderNameOf(name, secrets);
  try {
    input.url = collect(renderUrl(settings.url, scope));
    const query = settings.query.map((pair) => renderPair(pair, scope, collect));
    const auth = buildAuth(settings.auth, (template) => collect(renderText(template, scope)));
    let target = input.url;
    if (query.length) {
      input.query = query;
      target = appendQuery(target, query);
      input.url = target;
    }
    if (auth.query) {
      target = appendQuery(target, [auth.query]);
      input.query = [...(input.query ?? []), { name: auth.query.name, value: MASK }];
    }
    const url = checkUrl(target, secrets);
    input.url = auth.query ? maskQueryPair(url, auth.query) : url;

    for (const pair of settings.headers) {
      const { name, value } = renderPair(pair, scope, collect);
      setHeader(headers, checkHeaderName(name), checkHeaderValue(name, value.trim()));
    }
    input.headers = recordedHeaders(headers, masked);
    const credentialHeaders: string[] = [];
    if (auth.header) {
      const name = checkHeaderName(auth.header.name);
      setHeader(headers, name, checkHeaderValue(name, auth.header.value));
      masked.add(name.toLowerCase());
      credentialHeaders.push(name);
    }
    const key = extras.idempotencyKey;
    if (key && !hasHeader(headers, key.header.toLowerCase())) headers[checkHeaderName(key.header)] = key.value;
    input.headers = recordedHeaders(headers, masked);

    const body = renderBody(settings.body, scope, collect, input);
    if (body && !hasHeader(headers, 'content-type')) headers['content-type'] = body.contentType;
    input.headers = recordedHeaders(headers, masked);
    return { input, url, headers, ...(body ? { body: body.text } : {}), unresolved: [...unresolved], credentialHeaders };
  } catch (error) {
    throwWithInput(error, input);
  }
}

function recordedHeaders(headers: Record<string, string>, masked: ReadonlySet<string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) shown[name] = masked.has(name.toLowerCase()) ? MASK : value;
  return shown;
}

/** The URL as sent, with the API key's value replaced; the pair is the last one appended before any fragment. */
function maskQueryPair(url: string, pair: { name: string; value: string }): string {
  const encoded = new URLSearchParams([[pair.name, pair.value]]).toString();
  const at = url.lastIndexOf(encoded);
  if (at < 0) return url;
  const name = encoded.slice(0, encoded.indexOf('='));
  return `${url.slice(0, at)}${name}=${MASK}${url.slice(at + encoded.length)}`;
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

function checkUrl(rendered: string, secrets: readonly string[]): string {
  const shorten = (text: string): string => maskedPreview(text, secrets, 200);
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

function checkHeaderNameOf(name: string, secrets: readonly string[]): string {
  const trimmed = name.trim();
  const shorten = (text: string): string => maskedPreview(text, secrets, 200);
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
