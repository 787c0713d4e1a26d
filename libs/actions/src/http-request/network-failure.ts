import { StepFailure } from '@provod/engine';

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO)/;
// A certificate that is expired, self-signed or for another name stays so until someone fixes it.
const CERTIFICATE_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_)/;
// Failures that happen before a single byte of the request leaves: nothing can have reached the server.
const NEVER_SENT_CAUSES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TRY_AGAIN = { retryable: true };
const DO_NOT_RETRY = { retryable: false };

interface ErrorFacts {
  codes: string[];
  names: string[];
  messages: string[];
}

/**
 * Translates what the network did into a StepFailure a person can act on; null for errors that are
 * not about the network (those are Provod's own faults and must surface as such). Network trouble
 * is usually passing, so it is marked worth retrying; a bad request or certificate is not.
 */
export function networkFailure(
  error: unknown,
  url: string,
  timeoutMs: number,
  connectTimeoutMs: number = timeoutMs,
): StepFailure | null {
  const host = hostOf(url);
  const facts = collect(error);
  const has = (code: string): boolean => facts.codes.includes(code);
  const details = { cause: facts.codes[0] ?? facts.names[0] ?? 'unknown' };
  const network = (message: string): StepFailure => new StepFailure('network', message, details, TRY_AGAIN);

  if (has('UND_ERR_CONNECT_TIMEOUT') && !facts.names.includes('TimeoutError')) {
    return new StepFailure('timeout', `Could not connect to ${host} within ${seconds(connectTimeoutMs)}`, details, TRY_AGAIN);
  }
  if (facts.names.includes('TimeoutError') || facts.codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new StepFailure('timeout', `${host} did not answer within ${seconds(timeoutMs)}`, details, TRY_AGAIN);
  }
  if (has('ECONNREFUSED')) return network(`Could not connect to ${host}: connection refused`);
  if (has('ENOTFOUND') || has('EAI_AGAIN') || has('EAI_NONAME')) {
    return network(`Could not connect to ${host}: no server with this name was found`);
  }
  if (has('ECONNRESET') || has('EPIPE') || has('UND_ERR_SOCKET') || has('UND_ERR_CLOSED')) {
    return network(`The connection to ${host} was closed before the answer came`);
  }
  if (has('EHOSTUNREACH') || has('ENETUNREACH') || has('EADDRNOTAVAIL')) {
    return network(`Could not connect to ${host}: the network cannot reach it`);
  }
  const tls = facts.codes.find((code) => TLS_CODE.test(code));
  if (tls) {
    const message = `The secure connection to ${host} failed: ${facts.messages[0] ?? tls}`;
    return new StepFailure('network', message, details, CERTIFICATE_CODE.test(tls) ? DO_NOT_RETRY : TRY_AGAIN);
  }
  if (has('UND_ERR_INVALID_ARG') || has('UND_ERR_NOT_SUPPORTED') || has('ERR_INVALID_URL')) {
    return new StepFailure(
      'invalid_request',
      `The request could not be sent: ${facts.messages[0] ?? 'invalid request'}`,
      details,
      DO_NOT_RETRY,
    );
  }
  const other = facts.codes.find((code) => /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code));
  if (other) return network(`Could not talk to ${host}: ${other}`);
  return null;
}

/**
 * True when a failed request provably never reached the server: the connection was refused, the name
 * did not resolve, connecting or the TLS handshake failed or timed out, or the address was refused
 * by Provod itself. Anything later (a reset, a timeout while waiting) may come after the server got
 * the request, so a write is not repeated blindly.
 */
export function neverReachedServer(failure: StepFailure): boolean {
  if (failure.code === 'blocked_address') return true;
  if (failure.code !== 'network' && failure.code !== 'timeout') return false;
  const cause = (failure.details as { cause?: unknown } | undefined)?.cause;
  return typeof cause === 'string' && (NEVER_SENT_CAUSES.has(cause) || TLS_CODE.test(cause));
}

function collect(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: [], names: [], messages: [] };
  for (const item of causesOf(error)) {
    const record = item as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof record.code === 'string') facts.codes.push(record.code);
    if (typeof record.name === 'string') facts.names.push(record.name);
    if (typeof record.message === 'string' && record.message) facts.messages.push(record.message);
  }
  return facts;
}

/** The first error in the chain of causes that passes `guard`. */
export function findCause<T>(error: unknown, guard: (item: unknown) => item is T): T | undefined {
  for (const item of causesOf(error)) if (guard(item)) return item;
  return undefined;
}

function causesOf(error: unknown): object[] {
  const found: object[] = [];
  const queue: unknown[] = [error];
  // Causes can nest (undici wraps socket errors, AggregateError holds one per address tried).
  for (let i = 0; i < queue.length && i < 20; i += 1) {
    const item = queue[i];
    if (item === null || typeof item !== 'object') continue;
    found.push(item);
    const record = item as { cause?: unknown; errors?: unknown };
    if (record.cause !== undefined) queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
  return found;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${Number.isInteger(value) ? value : value.toFixed(1)} s`;
}
