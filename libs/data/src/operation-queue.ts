import { Queue } from 'bullmq';
import type IORedis from 'ioredis';
import { operationJob, operationJobOptions, QueueName, type OperationJob } from './queues';

/** Puts operations on the queue. Shared by the webhook (right after the commit) and the reconciler. */
export class OperationQueue {
  readonly queue: Queue<OperationJob>;

  constructor(
    private readonly connection: IORedis,
    prefix: string,
    private readonly attempts: number,
  ) {
    this.queue = new Queue<OperationJob>(QueueName.Operations, { connection, prefix });
  }

  async enqueue(operationId: string, processingId?: string): Promise<void> {
    await this.queue.add('run', operationJob(operationId, processingId), operationJobOptions(operationId, this.attempts));
  }

  /** Several operations in one round trip (events stored by one group commit). */
  async enqueueMany(operations: ReadonlyArray<{ operationId: string; processingId?: string }>): Promise<void> {
    if (!operations.length) return;
    await this.queue.addBulk(
      operations.map(({ operationId, processingId }) => ({
        name: 'run',
        data: operationJob(operationId, processingId),
        opts: operationJobOptions(operationId, this.attempts),
      })),
    );
  }

  /**
   * Enqueues a committed operation, giving up after `waitMs`. The reason for a failure is returned,
   * not thrown: the operation is stored either way, and the reconciler enqueues what this missed.
   */
  async tryEnqueue(operationId: string, waitMs = 1_000): Promise<string | null> {
    return this.tryEnqueueMany([{ operationId }], waitMs);
  }

  /** The same for several operations, in one round trip. */
  async tryEnqueueMany(operations: ReadonlyArray<{ operationId: string; processingId?: string }>, waitMs = 1_000): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no answer from Redis within ${waitMs} ms`), waitMs);
    });
    const outcome = await Promise.race([
      this.enqueueMany(operations).then(
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
    return (await this.ensureQueuedMany([operationId])) ? 'queued' : 'present';
  }

  /**
   * The same for many operations at once, in a few round trips whatever their number: one pipeline
   * asks for every job whether it exists and whether it finished, finished jobs are removed, and the
   * missing ones are added in one bulk. Returns how many were enqueued.
   */
  async ensureQueuedMany(operationIds: readonly string[]): Promise<number> {
    if (!operationIds.length) return 0;
    const states = await this.jobStates(operationIds);
    const finished = operationIds.filter((_, i) => states[i] === 'finished');
    const missing = operationIds.filter((_, i) => states[i] !== 'present');
    await Promise.all(finished.map((id) => this.queue.remove(id)));
    if (missing.length) {
      await this.queue.addBulk(
        missing.map((operationId) => ({
          name: 'run',
          data: operationJob(operationId),
          opts: operationJobOptions(operationId, this.attempts),
        })),
      );
    }
    return missing.length;
  }

  /**
   * Whether each job is in the queue, finished (failed or completed, so it will not run again) or
   * missing. Constant work per job (a key lookup and two sorted-set scores), unlike BullMQ's
   * getJobState, which scans the waiting list and would make a pass over a long backlog quadratic.
   */
  private async jobStates(operationIds: readonly string[]): Promise<Array<'present' | 'finished' | 'missing'>> {
    // The connection the queue was given: BullMQ 6 hides its own behind a backend interface.
    const { failed, completed } = this.queue.keys;
    const pipeline = this.connection.pipeline();
    for (const id of operationIds) pipeline.exists(this.queue.toKey(id)).zscore(failed, id).zscore(completed, id);
    const replies = (await pipeline.exec()) ?? [];
    return operationIds.map((_, i) => {
      const [exists, inFailed, inCompleted] = [0, 1, 2].map((k) => {
        const [error, value] = replies[i * 3 + k] ?? [new Error('no reply')];
        if (error) throw error;
        return value;
      });
      if (!exists) return 'missing';
      return inFailed !== null || inCompleted !== null ? 'finished' : 'present';
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
