import { OperationQueue, OperationsRepository, PROVOD_CONFIG, type ProvodConfig, type StrandedCursor } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';
import { PeriodicPass } from '../common/periodic-pass';
import { WorkerMetrics } from '../metrics/worker-metrics';

/** Stranded operations handled per round trip: one page read, one pipelined state check, one bulk add. */
const PAGE_SIZE = 1_000;

/**
 * PostgreSQL is the record of what must run; Redis only schedules it. This loop re-enqueues
 * operations the queue does not know about (crash between commit and enqueue, Redis restarted
 * without persistence) and those whose worker died mid-run. A pass walks every stranded operation,
 * page by page, so thousands after a Redis restart are back in the queue within seconds.
 */
@Injectable()
export class Reconciler implements OnModuleInit, OnApplicationShutdown {
  private readonly loop = new PeriodicPass(() => this.reconcile());

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  onModuleInit(): void {
    this.loop.start(this.config.RECONCILE_INTERVAL_MS);
  }

  /** One pass; a call while a pass runs joins it instead of starting a second. */
  reconcileOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async reconcile(): Promise<number> {
    let requeued = 0;
    let after: StrandedCursor | undefined;
    try {
      for (;;) {
        const page = await this.operations.findStranded(this.config.RECONCILE_QUEUED_AFTER_MS, PAGE_SIZE, after);
        requeued += await this.queue.ensureQueuedMany(page.map((stranded) => stranded.id));
        if (page.length < PAGE_SIZE) break;
        after = page[page.length - 1];
      }
      if (requeued) this.logger.warn({ requeued }, 'reconciler re-enqueued stranded operations');
      this.metrics.reconcilerRequeued.inc(requeued);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'reconciler pass failed; next pass retries');
    }
    return requeued;
  }

  onApplicationShutdown(): void {
    this.loop.stop();
  }
}
