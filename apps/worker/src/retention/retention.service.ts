import { PROVOD_CONFIG, RetentionRepository, type PrunedStatus, type PruneCursor, type ProvodConfig, type RetentionTarget } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PeriodicPass } from '../common/periodic-pass';
import { LOGGER, type Logger } from '../logger';

/** After a pass that deleted this many rows, VACUUM makes their space reusable at once. */
const VACUUM_AFTER_ROWS = 10_000;

/**
 * Deletes history older than each workspace's retention, on its own rhythm. Every batch is one
 * short DELETE of RETENTION_BATCH_SIZE rows followed by a pause, so the history list and the
 * webhook never wait behind a long delete; several workers may prune at once (SKIP LOCKED).
 */
@Injectable()
export class RetentionService implements OnModuleInit, OnApplicationShutdown {
  private readonly loop = new PeriodicPass(() => this.prune());
  private stopping = false;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(RetentionRepository) private readonly retention: RetentionRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.loop.start(this.config.RETENTION_INTERVAL_MS);
  }

  /** One pass; a call while a pass runs joins it. Resolves to the number of operations deleted. */
  pruneOnce(): Promise<number> {
    return this.loop.runOnce();
  }

  private async prune(): Promise<number> {
    let deleted = 0;
    try {
      for (const target of await this.retention.targets()) {
        if (this.stopping) break;
        deleted += await this.pruneTarget(target);
      }
      if (deleted) this.logger.info({ deleted }, 'history older than its retention deleted');
      if (deleted >= VACUUM_AFTER_ROWS && !this.stopping) await this.vacuum();
    } catch (error) {
      this.logger.error({ err: (error as Error).message, deleted }, 'history pruning pass failed; the next pass goes on');
    }
    return deleted;
  }

  private async pruneTarget(target: RetentionTarget): Promise<number> {
    const failedDays = target.failedRetentionDays ?? target.historyRetentionDays;
    const ages: Array<[PrunedStatus, number]> = [
      ['succeeded', target.historyRetentionDays],
      // Filters are there to drop most events: their history would otherwise grow without end.
      ['filtered', target.historyRetentionDays],
      ['discarded', target.historyRetentionDays],
      ['duplicate', target.historyRetentionDays],
      ['failed', failedDays],
    ];
    let deleted = 0;
    for (const [status, days] of ages) {
      let after: PruneCursor | null = null;
      while (!this.stopping) {
        const batch = await this.retention.pruneBatch(target.processingId, status, days, this.config.RETENTION_BATCH_SIZE, after);
        deleted += batch.deleted;
        if (batch.deleted < this.config.RETENTION_BATCH_SIZE || !batch.next) break;
        after = batch.next;
        await sleep(this.config.RETENTION_PAUSE_MS);
      }
    }
    return deleted;
  }

  /** Without the rights to VACUUM, autovacuum (tuned for this table by its migration) does it later. */
  private async vacuum(): Promise<void> {
    await this.retention.vacuumHistory().catch((error: Error) =>
      this.logger.warn({ err: error.message }, 'VACUUM after pruning failed; autovacuum will reclaim the space'),
    );
  }

  onApplicationShutdown(): void {
    this.stopping = true;
    this.loop.stop();
  }
}
