import type { JobsOptions } from 'bullmq';
import IORedis, { type RedisOptions } from 'ioredis';

export enum QueueName {
  Operations = 'operations',
  Alerts = 'alerts',
}

/**
 * Jobs carry ids only; the operation row, committed first, holds everything else. Version 2 adds the
 * processing's id, known to the webhook that stored the event, so the worker can take the
 * processing's slot without asking the database which processing the operation belongs to.
 * Version 1 jobs (enqueued by an older Provod, the reconciler or a replay) are still run.
 */
export type OperationJob =
  | { schemaVersion: 1; operationId: string }
  | { schemaVersion: 2; operationId: string; processingId: string };

export function operationJob(operationId: string, processingId?: string): OperationJob {
  return processingId ? { schemaVersion: 2, operationId, processingId } : { schemaVersion: 1, operationId };
}

/** The processing the job says its operation belongs to; undefined when the job does not say. */
export function jobProcessingId(job: OperationJob): string | undefined {
  return job.schemaVersion === 2 ? job.processingId : undefined;
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
export function createRedis(url: string, role: 'producer' | 'worker', { autoPipelining = true } = {}): IORedis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 }
      : { maxRetriesPerRequest: null };
  // Commands issued in the same turn of the event loop (many events in flight do) leave in one write
  // and come back in one read: a socket write per command cost more CPU than Redis spent on them.
  // Not for a connection BullMQ defines its scripts on: ioredis copies every defined script into
  // each automatic pipeline, which costs more than it saves.
  return new IORedis(url, { ...options, enableAutoPipelining: autoPipelining });
}

/**
 * Where a worker process announces it is alive, with its pid and start time (a key that expires
 * unless renewed). The worker registry (`worker-registry.ts`) also remembers workers that went silent.
 */
export function workerHeartbeatKey(prefix: string, workerId: string): string {
  return `${prefix}:worker:${workerId}`;
}
