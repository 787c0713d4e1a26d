import { OperationQueue, OperationsRepository, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';

/**
 * PostgreSQL is the record of what must run; Redis only schedules it. This loop re-enqueues
 * operations the queue does not know about (crash between commit and enqueue, Redis restarted
 * without persistence) and those whose worker died mid-run.
 */
@Injectable()
export class Reconciler implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<number>;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.reconcileOnce(), this.config.RECONCILE_INTERVAL_MS);
    void this.reconcileOnce();
  }

  /** One pass; a call while a pass runs joins it instead of starting a second. */
  reconcileOnce(): Promise<number> {
    this.pass ??= this.reconcile().finally(() => (this.pass = undefined));
    return this.pass;
  }

  private async reconcile(): Promise<number> {
    let requeued = 0;
    try {
      const ids = await this.operations.findStranded(this.config.RECONCILE_QUEUED_AFTER_MS, 500);
      for (const id of ids) {
        if ((await this.queue.ensureQueued(id)) === 'queued') requeued++;
      }
      if (requeued) this.logger.warn({ requeued }, 'reconciler re-enqueued stranded operations');
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'reconciler pass failed; next pass retries');
    }
    return requeued;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
