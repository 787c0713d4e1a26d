import { z } from 'zod';
import { actionSchema } from './actions';

/** HTTP methods a webhook source may accept. */
export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * A named value pulled out of an incoming request. `keys` lists where to look, in order
 * (bracket or dotted paths such as `client[u_name]`), in the query string first, then the body;
 * it defaults to the parameter's own name. U-ON names the id `request_id` for some events and
 * guides call it `r_id`, so one parameter may accept both.
 */
export const sourceParameterSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a parameter name uses Latin letters, digits and _')
    .max(64),
  keys: z.array(z.string().min(1).max(200)).max(10).optional(),
});
export type SourceParameter = z.infer<typeof sourceParameterSchema>;

/**
 * Optional deduplication at the webhook: events whose rendered key was seen within the window are
 * recorded as `duplicate` and not run (U-ON retries on 5xx; it must not create two leads).
 */
export const dedupSchema = z.object({
  /** A template over the request, e.g. `{{source.type_id}}:{{source.r_id}}`. */
  key: z.string().min(1).max(1000),
  windowSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(24 * 3600),
});
export type DedupSettings = z.infer<typeof dedupSchema>;

/** A slow or dead destination of one processing then holds at most this many events in flight. */
export const DEFAULT_PROCESSING_CONCURRENCY = 5;
export const MAX_PROCESSING_CONCURRENCY = 100;

/** The limit that applies to a processing's source as stored (the field is optional). */
export function processingConcurrency(source: Pick<WebhookSource, 'concurrency'> | null | undefined): number {
  return source?.concurrency ?? DEFAULT_PROCESSING_CONCURRENCY;
}

/** The source's fields without defaults: a PATCH names only what it changes. */
const webhookSourceShape = {
  type: z.literal('webhook'),
  methods: z.array(z.enum(WEBHOOK_METHODS)).min(1),
  parameters: z.array(sourceParameterSchema).max(100),
  dedup: dedupSchema.nullable(),
  concurrency: z.number().int().min(1).max(MAX_PROCESSING_CONCURRENCY),
};

export const webhookSourceSchema = z.object({
  type: webhookSourceShape.type.default('webhook'),
  methods: webhookSourceShape.methods.default(['GET', 'POST']),
  parameters: webhookSourceShape.parameters.default([]),
  dedup: webhookSourceShape.dedup.default(null),
  /**
   * How many of this processing's events run at once, across every worker process; the rest wait
   * without holding a worker. Absent means `DEFAULT_PROCESSING_CONCURRENCY`, so rows saved before the
   * setting existed get it too.
   */
  concurrency: webhookSourceShape.concurrency.optional(),
});
export type WebhookSource = z.infer<typeof webhookSourceSchema>;

/** What a user edits: everything that defines how a processing behaves. */
export const processingDefinitionSchema = z
  .object({
    source: webhookSourceSchema,
    actions: z.array(actionSchema).max(100).default([]),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>(['source', 'event', 'secrets']);
    def.actions.forEach((action, index) => {
      if (seen.has(action.key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['actions', index, 'key'],
          message: `the key "${action.key}" is already used; each step needs its own key`,
        });
      }
      seen.add(action.key);
    });
  });
export type ProcessingDefinition = z.infer<typeof processingDefinitionSchema>;

export const PROCESSING_STATUSES = ['running', 'stopped'] as const;
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/**
 * Every top-level field of a processing a user edits. A field added here is required by PUT, optional
 * (and left untouched when absent) in PATCH, and needs a default in `createProcessingSchema`.
 */
const processingFieldsShape = {
  name: z.string().trim().min(1).max(200),
  source: webhookSourceSchema,
  actions: z.array(actionSchema).max(100),
};

export const createProcessingSchema = z.object({
  ...processingFieldsShape,
  source: processingFieldsShape.source.default({ type: 'webhook', methods: ['GET', 'POST'], parameters: [], dedup: null }),
  actions: processingFieldsShape.actions.default([]),
});
export type CreateProcessingInput = z.infer<typeof createProcessingSchema>;

/** PUT replaces the whole definition, so it must be a whole definition: a missing field is a 400, never a wipe. */
export const replaceProcessingSchema = z.object(processingFieldsShape);
export type ReplaceProcessingInput = z.infer<typeof replaceProcessingSchema>;

/**
 * PATCH changes only the fields it names. No default is filled in (zod's `.partial()` would still
 * apply them, which once turned `{"name": …}` into "no actions, no parameters"). `source` is merged
 * one level deep over the current one; `actions` is a list and is replaced as a whole.
 */
export const patchProcessingSchema = z
  .object({
    name: processingFieldsShape.name,
    source: z.object(webhookSourceShape).partial().strict(),
    actions: processingFieldsShape.actions,
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'nothing to change: name at least one of name, source, actions' });
export type PatchProcessingInput = z.infer<typeof patchProcessingSchema>;

/** The portable form of a processing: no ids, tokens or workspace, so it can be shared. */
export const processingExportSchema = z.object({
  provod: z.literal(1),
  name: z.string().trim().min(1).max(200),
  source: webhookSourceSchema,
  actions: z.array(actionSchema).max(100),
});
export type ProcessingExport = z.infer<typeof processingExportSchema>;

export interface ProcessingView {
  id: string;
  workspaceId: string;
  name: string;
  status: ProcessingStatus;
  webhookToken: string;
  version: number;
  source: WebhookSource;
  actions: ProcessingDefinition['actions'];
  /** E-mail addresses told when an operation fails; empty means the workspace owner. */
  alertRecipients: string[];
  createdAt: string;
  updatedAt: string;
}
