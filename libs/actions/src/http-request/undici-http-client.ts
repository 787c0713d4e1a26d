import dns from 'node:dns';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import type { HttpPort, HttpRequestSpec } from '@provod/engine';
import { StepFailure } from '@provod/engine';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { DEFAULT_CONNECT_TIMEOUT_MS, isSafeMethod, type HttpSendOptions, type HttpSendResult } from './http-send.options';
import { findCause, hostOf, networkFailure } from './network-failure';
import { BlockedAddressError, OutboundAddressPolicy } from './outbound-address.policy';

type Method = Dispatcher.HttpMethod;

export interface UndiciHttpClientOptions {
  /** CIDRs and host names that may be reached although they are not public (`OUTBOUND_ALLOWLIST`). */
  allowList?: readonly string[];
  /** Resolves host names; tests give a fake one so no real DNS is needed. */
  lookup?: typeof dns.lookup;
}

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const ALWAYS_CREDENTIALS = ['authorization', 'cookie', 'proxy-authorization'];
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding'];
// One agent per connect timeout in use; settings rarely vary, the cap only guards against abuse.
const MAX_AGENTS = 16;

interface Hop {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

/**
 * The real HttpPort. Every connection, including each redirect hop, goes through the outbound address
 * policy at the moment of connecting: literal addresses before the socket opens, names as they
 * resolve, and the socket's remote address once connected, so DNS rebinding cannot slip past it.
 */
export class UndiciHttpClient implements HttpPort {
  private readonly policy: OutboundAddressPolicy;
  private readonly lookup: LookupFunction;
  private readonly agents = new Map<number, Agent>();

  constructor(options: UndiciHttpClientOptions = {}) {
    this.policy = new OutboundAddressPolicy(options.allowList ?? []);
    this.lookup = guardedLookup(this.policy, options.lookup ?? dns.lookup);
  }

  async send(spec: HttpSendOptions): Promise<HttpSendResult> {
    // One deadline for the whole exchange, redirects included; undici's own timeouts only watch gaps.
    const signal = AbortSignal.timeout(spec.timeoutMs);
    const connectTimeoutMs = spec.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    let hop: Hop = { method: spec.method, url: spec.url, headers: spec.headers, ...(spec.body !== undefined ? { body: spec.body } : {}) };
    const visited: string[] = [];
    try {
      for (;;) {
        const response = await request(hop.url, {
          method: hop.method as Method,
          headers: hop.headers,
          body: hop.body,
          signal,
          headersTimeout: spec.timeoutMs,
          bodyTimeout: spec.timeoutMs,
          dispatcher: this.agentFor(connectTimeoutMs),
        });
        const headers = flattenHeaders(response.headers);
        const next = spec.maxRedirects === undefined ? null : redirectOf(hop, response.statusCode, headers, spec);
        if (next) {
          discard(response.body);
          visited.push(next.url);
          if (visited.length > (spec.maxRedirects ?? 0)) throw tooManyRedirects(spec, hop.url, visited);
          hop = next;
          continue;
        }
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > spec.maxResponseBytes) {
          discard(response.body);
          throw tooLarge(spec, hop.url);
        }
        const received: Buffer[] = [];
        try {
          const body = await readLimited(response.body, spec, hop.url, received);
          return { status: response.statusCode, headers, body };
        } catch (error) {
          // The server has answered a write: it handled the request, whatever happens to the body.
          // Repeating it would do it twice, so the part that arrived is the answer.
          const cut = error instanceof StepFailure || isSafeMethod(spec.method) ? null : networkFailure(signal.aborted ? signal.reason : error, hop.url, spec.timeoutMs, connectTimeoutMs);
          if (!cut) throw error;
          const body = Buffer.concat(received);
          return {
            status: response.statusCode,
            headers,
            body,
            bodyIncomplete: { reason: cut.code === 'timeout' ? 'timeout' : 'connection_closed', receivedBytes: body.length },
          };
        }
      }
    } catch (error) {
      if (error instanceof StepFailure) throw error;
      const blocked = findCause(error, (item): item is BlockedAddressError => item instanceof BlockedAddressError);
      if (blocked) throw blocked.toStepFailure();
      // An aborted signal carries the reason (a TimeoutError) rather than the error undici raised.
      throw networkFailure(signal.aborted ? signal.reason : error, hop.url, spec.timeoutMs, connectTimeoutMs) ?? error;
    }
  }

  /** Closes idle connections; for shutdown and tests. */
  async close(): Promise<void> {
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map((agent) => agent.close()));
  }

  private agentFor(connectTimeoutMs: number): Agent {
    let agent = this.agents.get(connectTimeoutMs);
    if (agent) return agent;
    if (this.agents.size >= MAX_AGENTS) {
      const [oldestKey, oldest] = this.agents.entries().next().value as [number, Agent];
      this.agents.delete(oldestKey);
      // close() lets requests already running finish.
      void oldest.close();
    }
    agent = new Agent({ connect: guardedConnector(this.policy, this.lookup, connectTimeoutMs) });
    this.agents.set(connectTimeoutMs, agent);
    return agent;
  }
}

/** Resolves a name, then refuses the connection if any address it gave is not allowed. */
function guardedLookup(policy: OutboundAddressPolicy, resolve: typeof dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, options.all ? [] : '');
        return;
      }
      const list = Array.isArray(addresses) ? addresses : [];
      if (!policy.allowsHost(hostname)) {
        // All of them, not just the first: the OS may try the next one when the first does not answer.
        for (const { address } of list) {
          const blocked = policy.check(address);
          if (blocked) {
            callback(new BlockedAddressError(blocked, hostname), options.all ? [] : '');
            return;
          }
        }
      }
      const first = list[0];
      if (options.all) callback(null, list);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
    });
  };
}

/**
 * undici's own connector with two checks around it: a literal address (which the OS connects to
 * without any lookup) is refused before dialling, and the socket's peer is checked once connected.
 */
function guardedConnector(policy: OutboundAddressPolicy, lookup: LookupFunction, timeout: number): buildConnector.connector {
  const connect = buildConnector({ timeout, lookup });
  return (options, callback) => {
    const { hostname } = options;
    const trusted = policy.allowsHost(hostname);
    if (!trusted && isIP(hostname)) {
      const blocked = policy.check(hostname);
      if (blocked) {
        callback(new BlockedAddressError(blocked, hostname), null);
        return;
      }
    }
    connect(options, (error, socket) => {
      if (error || !socket) {
        callback(error ?? new Error('the connection could not be opened'), null);
        return;
      }
      const peer = (socket as Socket).remoteAddress;
      const blocked = trusted || !peer ? null : policy.check(peer);
      if (blocked) {
        socket.destroy();
        callback(new BlockedAddressError(blocked, hostname), null);
        return;
      }
      callback(null, socket);
    });
  };
}

/**
 * The next request for a redirect, or null when the answer is not one to follow. 301/302/303 become
 * a GET without body, as browsers do; 307/308 repeat the request. Credentials stay behind when the
 * redirect leaves the origin, so a server cannot hand them on to another one.
 */
function redirectOf(hop: Hop, status: number, headers: Record<string, string>, spec: HttpSendOptions): Hop | null {
  const location = headers.location;
  if (!REDIRECT_STATUSES.has(status) || !location) return null;
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    throw invalidRedirect(hop.url, location);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw invalidRedirect(hop.url, location);
  target.hash = '';

  const drop = new Set<string>();
  const toGet = status === 301 || status === 302 || status === 303;
  if (toGet) for (const name of BODY_HEADERS) drop.add(name);
  if (target.origin !== new URL(hop.url).origin) {
    for (const name of [...ALWAYS_CREDENTIALS, ...(spec.credentialHeaders ?? [])]) drop.add(name.toLowerCase());
  }
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(hop.headers)) {
    if (!drop.has(name.toLowerCase())) kept[name] = value;
  }
  if (toGet) return { method: 'GET', url: target.href, headers: kept };
  return { method: hop.method, url: target.href, headers: kept, ...(hop.body !== undefined ? { body: hop.body } : {}) };
}

function invalidRedirect(from: string, location: string): StepFailure {
  const shown = location.length > 200 ? `${location.slice(0, 200)}…` : location;
  return new StepFailure('invalid_redirect', `The server ${hostOf(from)} redirected to "${shown}", which is not an http(s) address`, {
    location: shown,
  });
}

function tooManyRedirects(spec: HttpSendOptions, from: string, visited: string[]): StepFailure {
  const limit = spec.maxRedirects ?? 0;
  const message =
    limit === 0
      ? `The server ${hostOf(from)} answered with a redirect, and this step is set to follow none`
      : `The request was redirected more than ${limit} time${limit === 1 ? '' : 's'}; the last redirect from ${hostOf(from)} pointed to ${hostOf(visited[visited.length - 1] ?? '')}`;
  return new StepFailure('too_many_redirects', message, { redirects: visited });
}

interface BodyStream extends AsyncIterable<Buffer> {
  on(event: 'error', listener: () => void): unknown;
  destroy(): unknown;
}

/** Drops a body we will not read; the abort error that follows is expected, not a fault. */
function discard(stream: BodyStream): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

/** Reads the whole body into `chunks` (so a caller still has what arrived if reading fails). */
async function readLimited(stream: BodyStream, spec: HttpRequestSpec, url: string, chunks: Buffer[]): Promise<Buffer> {
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > spec.maxResponseBytes) {
      discard(stream);
      throw tooLarge(spec, url);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(spec: HttpRequestSpec, url: string): StepFailure {
  const mb = Math.round((spec.maxResponseBytes / (1024 * 1024)) * 10) / 10;
  return new StepFailure('response_too_large', `The answer from ${hostOf(url)} is larger than ${mb} MB and was not read`, {
    limitBytes: spec.maxResponseBytes,
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
