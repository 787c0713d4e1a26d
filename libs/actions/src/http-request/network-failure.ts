import { StepFailure } from '@provod/engine';

const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO)/;

interface ErrorFacts {
  codes: string[];
  names: string[];
  messages: string[];
}

/**
 * Translates what the network did into a StepFailure a person can act on; null for errors that are
 * not about the network (those are Provod's own faults and must surface as such).
 */
export function networkFailure(error: unknown, url: string, timeoutMs: number): StepFailure | null {
  const host = hostOf(url);
  const facts = collect(error);
  const has = (code: string): boolean => facts.codes.includes(code);
  const details = { cause: facts.codes[0] ?? facts.names[0] ?? 'unknown' };

  if (facts.names.includes('TimeoutError') || facts.codes.some((code) => TIMEOUT_CODES.has(code))) {
    return new StepFailure('timeout', `${host} did not answer within ${seconds(timeoutMs)}`, details);
  }
  if (has('ECONNREFUSED')) return new StepFailure('network', `Could not connect to ${host}: connection refused`, details);
  if (has('ENOTFOUND') || has('EAI_AGAIN') || has('EAI_NONAME')) {
    return new StepFailure('network', `Could not connect to ${host}: no server with this name was found`, details);
  }
  if (has('ECONNRESET') || has('EPIPE') || has('UND_ERR_SOCKET') || has('UND_ERR_CLOSED')) {
    return new StepFailure('network', `The connection to ${host} was closed before the answer came`, details);
  }
  if (has('EHOSTUNREACH') || has('ENETUNREACH') || has('EADDRNOTAVAIL')) {
    return new StepFailure('network', `Could not connect to ${host}: the network cannot reach it`, details);
  }
  const tls = facts.codes.find((code) => TLS_CODE.test(code));
  if (tls) {
    return new StepFailure('network', `The secure connection to ${host} failed: ${facts.messages[0] ?? tls}`, details);
  }
  if (has('UND_ERR_INVALID_ARG') || has('UND_ERR_NOT_SUPPORTED') || has('ERR_INVALID_URL')) {
    return new StepFailure('invalid_request', `The request could not be sent: ${facts.messages[0] ?? 'invalid request'}`, details);
  }
  const other = facts.codes.find((code) => /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code));
  if (other) return new StepFailure('network', `Could not talk to ${host}: ${other}`, details);
  return null;
}

function collect(error: unknown): ErrorFacts {
  const facts: ErrorFacts = { codes: [], names: [], messages: [] };
  const queue: unknown[] = [error];
  // Causes can nest (undici wraps socket errors, AggregateError holds one per address tried).
  for (let i = 0; i < queue.length && i < 20; i += 1) {
    const item = queue[i];
    if (item === null || typeof item !== 'object') continue;
    const record = item as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') facts.codes.push(record.code);
    if (typeof record.name === 'string') facts.names.push(record.name);
    if (typeof record.message === 'string' && record.message) facts.messages.push(record.message);
    if (record.cause !== undefined) queue.push(record.cause);
    if (Array.isArray(record.errors)) queue.push(...(record.errors as unknown[]));
  }
  return facts;
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
