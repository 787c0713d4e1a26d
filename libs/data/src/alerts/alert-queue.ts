import { Queue, type JobsOptions } from 'bullmq';
import type IORedis from 'ioredis';
import { QueueName } from '../queues';

/** Jobs carry the alert row's id only; the row, committed first, holds what the message is about. */
export interface AlertJob {
  schemaVersion: 1;
  alertId: string;
}

export const ALERT_BACKOFF = 'alert-capped';
const ALERT_ATTEMPTS = 20;
const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 10 * 60_000;

/**
 * 5 s, 10 s, 20 s … then every 10 minutes: about two and a half hours over 20 attempts. A mail
 * server that is down for longer is caught by the sweeper, which queues the alert again.
 */
export function alertRetryDelay(attemptsMade: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attemptsMade - 1), MAX_RETRY_MS);
}

/** `jobId` is the alert id, so the hook and the sweeper racing to enqueue one alert yield one job. */
export function alertJobOptions(alertId: string, delayMs = 0): JobsOptions {
  return {
    jobId: alertId,
    delay: Math.max(0, Math.round(delayMs)),
    attempts: ALERT_ATTEMPTS,
    backoff: { type: ALERT_BACKOFF },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Puts alerts on their own queue, so mail trouble never slows or fails an operation. */
export class AlertQueue {
  readonly queue: Queue<AlertJob>;

  constructor(connection: IORedis, prefix: string) {
    this.queue = new Queue<AlertJob>(QueueName.Alerts, { connection, prefix });
  }

  async enqueue(alertId: string, delayMs = 0): Promise<void> {
    await this.queue.add('send', { schemaVersion: 1, alertId }, alertJobOptions(alertId, delayMs));
  }

  /** Queues an unsent alert again unless its job still waits or runs. */
  async ensureQueued(alertId: string, delayMs = 0): Promise<'queued' | 'present'> {
    const job = await this.queue.getJob(alertId);
    if (job) {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return 'present';
      await job.remove();
    }
    await this.enqueue(alertId, delayMs);
    return 'queued';
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
