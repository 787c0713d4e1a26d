import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { operationJobOptions, QueueName, type OperationJob } from './queues';

/** Puts operations on the queue. Shared by the webhook (right after the commit) and the reconciler. */
export class OperationQueue {
  readonly queue: Queue<OperationJob>;

  constructor(
    connection: IORedis,
    prefix: string,
    private readonly attempts: number,
  ) {
    this.queue = new Queue<OperationJob>(QueueName.Operations, { connection, prefix });
  }

  async enqueue(operationId: string): Promise<void> {
    await this.queue.add('run', { schemaVersion: 1, operationId }, operationJobOptions(operationId, this.attempts));
  }

  /**
   * Enqueues a committed operation, giving up after `waitMs`. The reason for a failure is returned,
   * not thrown: the operation is stored either way, and the reconciler enqueues what this missed.
   */
  async tryEnqueue(operationId: string, waitMs = 1_000): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer from Redis within ${waitMs} ms`), waitMs);
    });
    const outcome = await Promise.race([
      this.enqueue(operationId).then(
        () => null,
        (error: Error) => error.message,
      ),
      gaveUp,
    ]);
    clearTimeout(timer);
    return outcome;
  }

  /**
   * Re-enqueues an operation the database says is unfinished. A job that still waits or runs is left
   * alone; one the queue gave up on or lost is replaced.
   */
  async ensureQueued(operationId: string): Promise<'queued' | 'present'> {
    const job = await this.queue.getJob(operationId);
    if (job) {
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return 'present';
      await job.remove();
    }
    await this.enqueue(operationId);
    return 'queued';
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
