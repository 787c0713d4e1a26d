import { retryDelayMs, retrySettingsOf } from '@provod/actions';
import type { RetryPolicy } from '@provod/engine';

/**
 * A step is tried again when its failure says it is worth it (a 503, a deferred letter) and its
 * type has retry settings (steps that talk to other systems); those settings say how many tries it
 * gets and how far apart.
 *
 * How a step's retry goes, end to end (the only place step tries are decided is here):
 * 1. the engine (runOperation) asks this policy about a failed step and, given a delay, ends the run
 *    as `retrying` with the step's try recorded and the time of the next one;
 * 2. the runner records that (OperationsRepository.scheduleRetry: status `retrying`, a lease covering
 *    the wait) before anything else;
 * 3. the consumer moves the same job to BullMQ's delayed set for that long, using none of the job's
 *    attempts; the next run resumes at that step, with the earlier tries in its history.
 * BullMQ's own attempts are for system errors only (a crash, the database gone), and the reconciler
 * for jobs lost on the way (Redis emptied, a worker killed): neither decides a step's tries.
 */
export const stepRetryPolicy: RetryPolicy = (action, attempt, failure) => {
  const retry = retrySettingsOf(action);
  if (!retry || !failure.retry.retryable) return null;
  if (attempt >= retry.attempts) return null;
  return retryDelayMs(attempt, retry, failure.retry.retryAfterMs);
};
