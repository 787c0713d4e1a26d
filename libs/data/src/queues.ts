import type { JobsOptions } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';

export enum QueueName {
  Operations = 'operations',
  Alerts = 'alerts',
}

/** Jobs carry ids only; the operation row, committed first, holds everything else. */
export interface OperationJob {
  schemaVersion: 1;
  operationId: string;
}

/**
 * The one place operation jobs get their options. `jobId` is the operation id, so enqueuing the same
 * operation twice (webhook and reconciler racing) yields one job.
 */
export function operationJobOptions(operationId: string, attempts: number): JobsOptions {
  return {
    jobId: operationId,
    attempts,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * Producers inside request handlers must fail fast rather than wait for Redis: the webhook has
 * already stored the event, and the reconciler enqueues it later.
 */
export function createRedis(url: string, role: 'producer' | 'worker'): IORedis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 }
      : { maxRetriesPerRequest: null };
  return new IORedis(url, options);
}

/**
 * Where a worker process announces it is alive, with its pid and start time (a key that expires
 * unless renewed). The worker registry (`worker-registry.ts`) also remembers workers that went silent.
 */
export function workerHeartbeatKey(prefix: string, workerId: string): string {
  return `${prefix}:worker:${workerId}`;
}
