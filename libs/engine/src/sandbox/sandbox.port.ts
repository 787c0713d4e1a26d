/**
 * Where rendering and parsing run when they may be expensive. Synchronous JavaScript cannot be
 * interrupted in its own thread, so a runaway template or a hostile document has to run somewhere
 * that can be stopped from outside: the worker and the API supply a pool of threads (see
 * libs/actions/src/sandbox); unit tests and callers without one run tasks in place.
 */
import type { StepErrorCode } from '@provod/contracts';
import type { RetryHint } from '../step-failure';

/** The pure, synchronous tasks the actions hand over; each is a function of its (cloneable) input. */
export type SandboxTaskName = 'http_request.build' | 'json_parser.parse' | 'json_composer.render' | 'filter.evaluate' | 'send_email.render';

export interface SandboxPort {
  /**
   * Runs a task in a thread of its own. Rejects with a StepFailure when the task fails as a step
   * would, or with `template_timeout` / `template_too_large` when the thread had to be stopped at
   * its deadline or ran out of memory; any other rejection is a fault of Provod.
   */
  run<O>(task: SandboxTaskName, input: unknown): Promise<O>;
}

/** How a StepFailure crosses a thread boundary: structured cloning keeps an Error's message only. */
export type SandboxReply<O> =
  | { ok: true; value: O }
  | { ok: false; failure: { code: StepErrorCode; message: string; details?: unknown; retry: RetryHint } };
