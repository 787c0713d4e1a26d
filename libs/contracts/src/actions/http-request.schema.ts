import { z } from 'zod';
import { actionBaseShape, templatedPairSchema } from './action-base';

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
}
