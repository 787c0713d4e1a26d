/** What the engine needs from the outside world. The worker supplies real ones, unit tests fakes. */

export interface HttpRequestSpec {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  timeoutMs: number;
  /** Stop reading and fail once the response body passes this many bytes. */
  maxResponseBytes: number;
}

export interface HttpResponseData {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpPort {
  /**
   * Performs one request. Rejects with a `StepFailure` for what the remote side or the network did
   * (refused, timed out, too large); any other rejection is treated as a fault of Provod itself.
   */
  send(request: HttpRequestSpec): Promise<HttpResponseData>;
}

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  replyTo?: string;
  /** The same on every try of one step, so a receiving client can tell a repeat. */
  messageId: string;
}

export interface MailReceipt {
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The server's last answer. */
  response: string;
}

export interface MailPort {
  /**
   * Hands one letter to the configured mail server. Rejects with a `StepFailure` for what the server
   * or the network did (refused, deferred, unreachable, cut off); anything else is a fault of Provod.
   */
  send(message: MailMessage): Promise<MailReceipt>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
