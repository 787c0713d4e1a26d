import { PROVOD_CONFIG, QueueName, type OperationJob, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { OperationGate } from '../capacity/operation-gate.service';
import { LOGGER, type Logger } from '../logger';
import { OperationRunner } from './operation-runner.service';

/** Thin adapter from BullMQ to the runner: the job carries the operation id and nothing else. */
@Injectable()
export class OperationConsumer implements OnModuleInit, OnApplicationShutdown {
  private worker?: Worker<OperationJob>;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(OperationRunner) private readonly runner: OperationRunner,
    @Inject(OperationGate) private readonly gate: OperationGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.worker = new Worker<OperationJob>(QueueName.Operations, (job, token) => this.process(job, token), {
      connection: new IORedis(this.config.REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.WORKER_CONCURRENCY,
      lockDuration: this.config.JOB_LOCK_MS,
      // Well below the lock: a dead worker's job is back within about lock + this, not twice the lock.
      stalledInterval: this.config.JOB_STALLED_CHECK_MS,
      maxStalledCount: 3,
    });
    this.worker.on('failed', (job, error) => void this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'queue connection error'));
  }

  private process(job: Job<OperationJob>, token?: string): Promise<string> {
    // Runs only with a free slot of its processing (and of each destination host it calls);
    // otherwise it waits in place a while, then the job is parked without holding this worker, and
    // woken when a slot frees.
    return this.gate.run(job, token, async () => {
      const result = await this.runner.run(job.data.operationId);
      if (result.status === 'retrying') {
        // The same job comes back later, holding no worker slot while it waits; its attempts (kept
        // for system errors) are not used up by a remote server's 503.
        await job.moveToDelayed(Date.now() + result.retryInMs, token);
        throw new DelayedError();
      }
      return result.status;
    });
  }

  private async onFailed(job: Job<OperationJob> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.error(
      { operationId: job.data.operationId, attempt: job.attemptsMade, final, err: error.message },
      final ? 'operation job failed for good' : 'operation job failed; it will be retried',
    );
    if (final) {
      await this.runner.giveUp(job.data.operationId, error.message).catch((e: Error) =>
        this.logger.error({ operationId: job.data.operationId, err: e.message }, 'could not record the failure; the reconciler will retry'),
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.worker?.disconnect();
  }
}
