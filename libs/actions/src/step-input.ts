import { isStepFailure, StepFailure } from '@provod/engine';

/**
 * Throws a step's failure again with what the step had rendered so far (`input`) in its details, so
 * history shows what was, or would have been, sent. `facts` go in too (the host, the secret) for the
 * error catalogue. Anything that is not a StepFailure is a fault of Provod and is thrown unchanged.
 */
export function throwWithInput(error: unknown, input: unknown, facts: Record<string, unknown> = {}): never {
  if (!isStepFailure(error)) throw error;
  const details = error.details !== null && typeof error.details === 'object' && !Array.isArray(error.details) ? error.details : {};
  throw new StepFailure(error.code, error.message, { ...facts, ...details, input }, error.retry);
}
