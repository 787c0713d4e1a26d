import { retryDelayMs } from '@provod/actions';
import type { RetryPolicy } from '@provod/engine';

/**
 * Only HTTP steps talk to systems that can be "temporarily unavailable"; the step's own settings
 * say how many tries it gets and how far apart.
 */
export const httpRetryPolicy: RetryPolicy = (action, attempt, failure) => {
  if (action.type !== 'http_request' || !failure.retry.retryable) return null;
  const retry = action.settings.retry;
  if (attempt >= retry.attempts) return null;
  return retryDelayMs(attempt, retry, failure.retry.retryAfterMs);
};
