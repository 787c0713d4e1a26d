import { AlertQueue, AlertsRepository, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { MAILER, type Mailer } from '@provod/mail';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';
import { AlertsService } from './alerts.service';
import { FailingProcessingsCache } from './failing-processings.cache';
import { PeriodicPass } from '../common/periodic-pass';

/** An unsent alert younger than this still has its job on the way; older ones are checked. */
const UNSENT_AFTER_MS = 60_000;

/**
 * PostgreSQL is the record of which alerts must go out; Redis only schedules them. On the
 * reconciler's rhythm this re-queues alerts whose job is gone (Redis lost it, or the queue gave up
 * after its last attempt while SMTP was down), ends failing streaks a later success missed, and
 * rewrites the shared set of failing processings.
 */
@Injectable()
export class AlertSweeper implements OnModuleInit, OnApplicationShutdown {
  private readonly loop = new PeriodicPass(() => this.sweep());

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AlertsRepository) private readonly alerts: AlertsRepository,
    @Inject(AlertQueue) private readonly queue: AlertQueue,
    @Inject(FailingProcessingsCache) private readonly failing: FailingProcessingsCache,
    @Inject(AlertsService) private readonly service: AlertsService,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.loop.start(this.config.RECONCILE_INTERVAL_MS);
  }

  /** One pass; a call while a pass runs joins it instead of starting a second. */
  sweepOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async sweep(): Promise<number> {
    let requeued = 0;
    try {
      // A success that crossed a failure between two processes may have skipped the state: end those streaks.
      for (const { processingId, operationId } of await this.alerts.staleFailingStreaks()) {
        await this.service.enqueue(await this.alerts.recordSuccess(processingId, operationId), this.logger.child({ processingId, operationId }));
        this.logger.info({ processingId, operationId }, 'alert sweeper ended a failing streak a later success had not');
      }
      await this.failing.replaceAll(await this.alerts.failingProcessingIds());
      // Without a mail server nothing would send them: they wait, pending, for one to be configured.
      if (this.mailer) {
        for (const { alertId, delayMs } of await this.alerts.findUnsent(UNSENT_AFTER_MS, 500)) {
          if ((await this.queue.ensureQueued(alertId, delayMs)) === 'queued') requeued++;
        }
      }
      if (requeued) this.logger.warn({ requeued }, 'alert sweeper re-queued unsent alerts');
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'alert sweeper pass failed; the next pass retries');
    }
    return requeued;
  }

  onApplicationShutdown(): void {
    this.loop.stop();
  }
}
