import type { z } from 'zod';
import type { ErrorCatalogue, Lang } from '../errors/error-text';

/**
 * What running an action does outside Provod: `pure` computes from what it is given, `reads` asks
 * another system without changing it, `writes` may change it. Reads and writes must not repeat once
 * answered (a write would be duplicated, a read spends the remote side's rate limit); a write that
 * may have been cut off is repeated only with care (the same Idempotency-Key). The worker checkpoints
 * and retries by it, a test run sends writes only on consent, the editor warns about them.
 */
export type ActionEffect = 'pure' | 'reads' | 'writes';

/**
 * What a write step does when the try before it was cut off (it may have reached the other side):
 * `resend` sends it again (HTTP, with the same Idempotency-Key), `keep` does not (a letter that may
 * have left is not sent twice) and says so. The worker relies on it: a step that resends may be
 * marked as "on its way" a little early, in the checkpoint before it, and so cost no write of its own.
 */
export type InterruptedWrite = 'resend' | 'keep';

/** How often and how far apart a step that failed in a way worth another try is tried again. */
export interface StepRetrySettings {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** The schema of one action type: the fields every action has, its `type` literal and its settings. */
export type ActionTypeSchema = z.ZodType<{ id: string; key: string; name: string; type: string; settings: unknown }> &
  z.core.$ZodTypeDiscriminable;

/**
 * The browser-safe half of an action type's definition: everything the API, the worker and the web
 * app read about the type, without its executor (which is server code, in libs/actions).
 */
export interface ActionDescriptor<S extends ActionTypeSchema = ActionTypeSchema, Code extends string = string> {
  /** Equal to the schema's `type` literal (the compiler checks). */
  readonly type: z.output<S>['type'];
  /** Validates a step on save and before it runs; the only place its defaults are written. */
  readonly schema: S;
  /** A fixed effect, or one that depends on the settings (an HTTP GET reads, a POST writes). */
  readonly effect: ActionEffect | ((action: z.output<S>) => ActionEffect);
  /** What a try cut off by a crash leads to (only writes are ever cut off on their way). */
  readonly onInterruption: InterruptedWrite;
  /** Null for a step that never talks to anything that may be "temporarily unavailable". */
  readonly retry: (action: z.output<S>) => StepRetrySettings | null;
  /** One line describing the step's settings, for the collapsed card and lists. */
  readonly summary: (action: z.output<S>, lang: Lang) => string;
  /** Every code the type's executor fails with (besides the engine's), in Russian and English, with a hint. */
  readonly errors: ErrorCatalogue<Code>;
}

/** Keeps the descriptor's literal types, so the union of actions and of error codes can be derived from it. */
export function describeAction<S extends ActionTypeSchema, Code extends string>(descriptor: ActionDescriptor<S, Code>): ActionDescriptor<S, Code> {
  return descriptor;
}
