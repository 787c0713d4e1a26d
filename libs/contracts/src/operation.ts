import { z } from 'zod';

/**
 * queued → running → succeeded | failed; `retrying` waits for a step's next try. `held` waits for the user while its processing is stopped;
 * `discarded` is a held event the user chose not to run; `duplicate` repeated an earlier event;
 * `filtered`: a filter step's conditions did not hold, so the remaining steps did not run (no failure).
 */
export const OPERATION_STATUSES = [
  'queued',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'held',
  'discarded',
  'duplicate',
  'filtered',
] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
export const FINAL_OPERATION_STATUSES: readonly OperationStatus[] = ['succeeded', 'failed', 'discarded', 'duplicate', 'filtered'];

/** The request exactly as received, minus secret-bearing headers. */
export interface RawRequest {
  method: string;
  query: Record<string, unknown>;
  headers: Record<string, string>;
  contentType: string | null;
  /** Body as text when it is valid UTF-8, otherwise base64 with `bodyEncoding: 'base64'`. */
  bodyText: string | null;
  bodyEncoding: 'utf8' | 'base64';
  /** The body decoded by content type (JSON, form fields with PHP brackets, multipart fields, text). */
  body: unknown;
}

/** Error of a failed step, written for the person reading the history. */
export interface StepError {
  /** Stable machine code, e.g. `http_status`, `timeout`, `invalid_json`, `missing_field`. */
  code: string;
  message: string;
  details?: unknown;
}

/** `retrying`: failed in a way worth another try, which is scheduled for `nextAttemptAt`. */
export type StepStatus = 'succeeded' | 'failed' | 'retrying' | 'skipped';

/** One earlier try of a step that was retried, kept so history shows every attempt and delay. */
export interface StepAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number;
  error: StepError;
  /** How long Provod waited before the next try. */
  retryDelayMs: number;
}

export interface StepResult {
  actionId: string;
  key: string;
  type: string;
  name: string;
  status: StepStatus;
  /** Settings with templates rendered: what the step actually used (secrets masked). */
  input: unknown;
  output?: unknown;
  error?: StepError;
  startedAt: string;
  durationMs: number;
  /** How many times this step has been tried within the operation. */
  attempt: number;
  /** References that did not resolve while rendering this step's templates. */
  unresolved?: string[];
  /** When a `retrying` step will be tried again. */
  nextAttemptAt?: string;
  /** Earlier tries of this step, oldest first. */
  previousAttempts?: StepAttempt[];
  /** Set on a filter step whose conditions did not hold: the operation ended after it. */
  halted?: 'filtered';
}

export interface OperationSummary {
  id: string;
  processingId: string;
  processingVersion: number;
  status: OperationStatus;
  receivedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  params: Record<string, unknown>;
  error: (StepError & { step?: string }) | null;
  attempts: number;
  /** The operation this one replays, if it is a replay. */
  replayOf: string | null;
  /** The first operation with the same deduplication key, if this one is a duplicate. */
  duplicateOf: string | null;
}

export interface OperationDetail extends OperationSummary {
  request: RawRequest;
  steps: StepResult[];
  /** Replays of this operation, oldest first. */
  replays: Array<{ id: string; status: OperationStatus; receivedAt: string }>;
}

export interface OperationPage {
  items: OperationSummary[];
  /** Pass as `cursor` to get the next (older) page; null when there is none. */
  nextCursor: string | null;
}

export const listOperationsQuerySchema = z.object({
  status: z
    .union([z.enum(OPERATION_STATUSES), z.array(z.enum(OPERATION_STATUSES))])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(200).optional(),
  /** Search by a parameter's value: `param=r_id&value=61`. */
  param: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).max(64).optional(),
  value: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListOperationsQuery = z.infer<typeof listOperationsQuerySchema>;
