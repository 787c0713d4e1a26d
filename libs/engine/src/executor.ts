import type { Action, ActionOf, ActionType } from '@provod/contracts';
import type { HttpPort, MailPort } from './ports';
import type { Scope } from './scope';

/** Spaces requests out so a destination's limit holds across every worker process. */
export interface RateLimiterPort {
  /** Resolves once one more request under `key` fits in `perSecond`. */
  acquire(key: string, perSecond: number): Promise<void>;
}

export interface ExecutionContext {
  scope: Scope;
  http: HttpPort;
  operationId: string;
  stepIndex: number;
  /** Absent in test runs and unit tests: no limit is applied then. */
  rateLimiter?: RateLimiterPort;
  /** In a test run, requests that change things (anything but GET) are described, not sent. */
  dryRunWrites?: boolean;
  /** Absent when no mail server is configured. */
  mail?: MailPort;
  /**
   * The previous try of this step was cut off while it was on its way (the process died): a step
   * that cannot make a repeat harmless (no Idempotency-Key for e-mail) must not send again.
   */
  interrupted?: boolean;
}

export interface StepOutcome {
  /** The settings with every template rendered: what the step really used. */
  input: unknown;
  output: unknown;
  /** Names of references that resolved to nothing while rendering. */
  unresolved: string[];
  /** The step succeeded and says the operation ends here: a filter whose conditions did not hold. */
  halt?: 'filtered';
}

/**
 * Runs one action type. Throws `StepFailure` (with `input` in its details when it got that far) for
 * user errors; anything else it throws is a system error.
 */
export interface ActionExecutor<T extends ActionType = ActionType> {
  execute(action: ActionOf<T>, context: ExecutionContext): Promise<StepOutcome>;
}

/** One executor per action type: the compiler names any type left without one. */
export type ExecutorRegistry = { [T in ActionType]: ActionExecutor<T> };

export function executorFor(registry: ExecutorRegistry, action: Action): ActionExecutor {
  return registry[action.type] as ActionExecutor;
}
