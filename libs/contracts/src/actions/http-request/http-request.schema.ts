import { z } from 'zod';
import { actionBaseShape, templatedPairSchema } from '../action-base';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export const httpBodySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  /** A JSON template; a value that is exactly one {{ref}} keeps its type. */
  z.object({ mode: z.literal('json'), template: z.string().max(1_000_000) }),
  z.object({ mode: z.literal('form'), fields: z.array(templatedPairSchema).max(200) }),
  z.object({
    mode: z.literal('raw'),
    contentType: z.string().min(1).max(200).default('text/plain; charset=utf-8'),
    text: z.string().max(1_000_000),
  }),
]);
export type HttpBody = z.infer<typeof httpBodySchema>;

/** Credentials come from stored secrets through templates, e.g. `{{secrets.ENVYBOX_KEY}}`. */
export const httpAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().max(1000), password: z.string().max(1000) }),
  z.object({ type: z.literal('bearer'), token: z.string().max(10_000) }),
  z.object({
    type: z.literal('api_key'),
    in: z.enum(['header', 'query']),
    name: z.string().min(1).max(200),
    value: z.string().max(10_000),
  }),
]);
export type HttpAuth = z.infer<typeof httpAuthSchema>;

/**
 * Network errors, 408, 429 and 5xx are retried with exponential backoff and jitter, honouring
 * Retry-After; other 4xx never are. The job is rescheduled between tries, so no worker waits.
 */
export const httpRetrySchema = z.object({
  attempts: z.number().int().min(1).max(20).default(4),
  initialDelayMs: z.number().int().min(0).max(3_600_000).default(2_000),
  maxDelayMs: z.number().int().min(0).max(24 * 3_600_000).default(300_000),
  /** Statuses retried besides 408, 429 and 5xx are none by default. */
  extraStatuses: z.array(z.number().int().min(400).max(599)).max(20).default([]),
});
export type HttpRetry = z.infer<typeof httpRetrySchema>;

export const httpRequestSettingsSchema = z.object({
  method: z.enum(HTTP_METHODS).default('GET'),
  /** URL template; values inserted into it are percent-encoded so they cannot change its shape. */
  url: z.string().min(1).max(10_000),
  query: z.array(templatedPairSchema).max(200).default([]),
  headers: z.array(templatedPairSchema).max(200).default([]),
  body: httpBodySchema.default({ mode: 'none' }),
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Statuses besides 2xx that count as success (e.g. 404 when "not found" is a normal answer). */
  acceptStatuses: z.array(z.number().int().min(100).max(599)).max(50).default([]),
  auth: httpAuthSchema.default({ type: 'none' }),
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  maxResponseBytes: z.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  followRedirects: z.boolean().default(true),
  maxRedirects: z.number().int().min(0).max(5).default(5),
  // `prefault({})` fills an absent object from its fields' own defaults, so each default is written once.
  retry: httpRetrySchema.prefault({}),
  /**
   * On POST, PUT, PATCH and DELETE (never on GET), a key derived from operation id + step, the same on
   * every try, so a receiver that deduplicates by it sees a repeated request as the one it handled.
   */
  idempotencyKey: z
    .object({ enabled: z.boolean().default(true), header: z.string().min(1).max(200).default('Idempotency-Key') })
    .prefault({}),
  /**
   * A write (anything but GET) that timed out or lost its connection after it may have reached the
   * server is not sent again unless this is on: a second lead is worse than a visible failure.
   * Turn it on for receivers that honour the Idempotency-Key.
   */
  retryWritesOnTimeout: z.boolean().default(false),
  /** At most this many requests per second from this step, across every worker process (U-ON allows 10). */
  rateLimitPerSecond: z.number().int().min(1).max(10_000).nullable().default(null),
});
export type HttpRequestSettings = z.infer<typeof httpRequestSettingsSchema>;

export const httpRequestActionSchema = z.object({
  ...actionBaseShape,
  type: z.literal('http_request'),
  settings: httpRequestSettingsSchema,
});

/** What a finished HTTP request step gives later steps («Содержимое ответа» is `body`). */
export interface HttpRequestOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /**
   * Set when a write's server answered 2xx but its body did not arrive whole (it stopped or came
   * too slowly): the step succeeded, since the server accepted the request, and `body` is the text
   * that did arrive.
   */
  bodyIncomplete?: { reason: 'timeout' | 'connection_closed'; receivedBytes: number };
}
