import type { StepError, StepErrorCode } from '@provod/contracts';

/**
 * A failure caused by the user's settings or by the remote system (bad template, 4xx, invalid JSON,
 * timeout). It fails the step and the operation, visibly. Anything else thrown while running a step is
 * a fault of Provod or its infrastructure and makes the queue retry the whole job instead.
 */
export interface RetryHint {
  /** Worth trying again later: network errors, timeouts, 408, 429, 5xx. */
  retryable: boolean;
  /** What the remote side asked for (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

export class StepFailure extends Error {
  constructor(
    /** One of the codes the error catalogues describe, in Russian and English. */
    readonly code: StepErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retry: RetryHint = { retryable: false },
  ) {
    super(message);
    this.name = 'StepFailure';
  }

  toStepError(): StepError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isStepFailure(error: unknown): error is StepFailure {
  return error instanceof StepFailure;
}
