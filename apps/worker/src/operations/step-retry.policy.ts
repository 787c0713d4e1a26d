import { retryDelayMs, retrySettingsOf } from '@provod/actions';
import type { RetryPolicy } from '@provod/engine';

/**
 * A step is tried again when its failure says it is worth it (a 503, a deferred letter) and its
 * type has retry settings (steps that talk to other systems); those settings say how many tries it
 * gets and how far apart.
 */
export const stepRetryPolicy: RetryPolicy = (action, attempt, failure) => {
  const retry = retrySettingsOf(action);
  if (!retry || !failure.retry.retryable) return null;
  if (attempt >= retry.attempts) return null;
  return retryDelayMs(attempt, retry, failure.retry.retryAfterMs);
};
