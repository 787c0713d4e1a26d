import { httpRequestSettingsSchema } from '@provod/contracts';
import type { HttpRequestSpec, HttpResponseData } from '@provod/engine';

/** For callers of the client other than the HTTP step (alerts, say): the step's own default, read from its schema. */
export const DEFAULT_CONNECT_TIMEOUT_MS: number = httpRequestSettingsSchema.shape.connectTimeoutMs.def.defaultValue;

/**
 * What the HTTP step asks of the transport beyond the engine's HttpRequestSpec. The engine's port does
 * not name these fields, so an HttpPort that does not know them simply ignores them.
 */
export interface HttpSendOptions extends HttpRequestSpec {
  /** DNS, TCP and TLS together must finish within this; `timeoutMs` still bounds the whole exchange. */
  connectTimeoutMs?: number;
  /** Absent: a 3xx comes back as it is. A number: that many redirects are followed, one more fails the step. */
  maxRedirects?: number;
  /** Headers that carry credentials besides Authorization, Cookie and Proxy-Authorization (an API key header). */
  credentialHeaders?: readonly string[];
}

/**
 * What the transport gives back beyond the engine's HttpResponseData: for a write whose server
 * answered but whose body stopped or crawled, the part that arrived and why the rest did not. The
 * request is then known to have been handled, and must not be sent again.
 */
export interface HttpSendResult extends HttpResponseData {
  bodyIncomplete?: { reason: 'timeout' | 'connection_closed'; receivedBytes: number };
}

/** GET (and HEAD) change nothing: repeating them is safe, so a cut-off answer is simply retried. */
export function isSafeMethod(method: string): boolean {
  const upper = method.toUpperCase();
  return upper === 'GET' || upper === 'HEAD';
}
