import { AlertQueue, AlertsRepository, PROVOD_CONFIG, type ProvodConfig, type QueuedAlert } from '@provod/data';
import { MAILER, type Mailer } from '@provod/mail';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';
import { FailingProcessingsCache } from './failing-processings.cache';

export interface FinishedOperation {
  id: string;
  workspaceId: string;
  processingId: string;
  status: 'succeeded' | 'failed' | 'filtered';
  error: { step?: string; code: string; message: string } | null;
  params: Record<string, unknown>;
  receivedAt?: string;
}

/**
 * Decides, as each operation finishes, whether someone must be told. It records alerts in
 * PostgreSQL and queues their ids; the message is written and mailed later by the alert consumer,
 * so a slow or absent mail server never touches an operation's result.
 *
 * Throttling, per processing (the exact rule):
 * - a failure when no window is open is mailed at once and opens a window of ALERT_WINDOW_MS;
 * - failures while the window is open are not mailed one by one: when the window ends, one digest
 *   goes out if the window saw two failures or more, and its count is every failure of the window,
 *   the one mailed at once included (a burst of 50 gives 1 immediate mail + 1 digest saying 50);
 * - the next failure after the window ends is mailed at once again and opens a new window;
 * - a success while the processing is failing sends one "recovered" mail, once per failing streak
 *   and at most once per window (a flapping processing is summed up by the digest instead).
 *
 * Ordering: results are judged by the operations' finish times, not by when they reach this hook,
 * under the processing's state lock (see AlertsRepository). A failure that finished before a success
 * is mailed or counted but leaves the processing working; a success that finished before the last
 * failure ends nothing. Failure and recovery mails of one processing go out in the order recorded.
 */
@Injectable()
export class AlertsService {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AlertsRepository) private readonly alerts: AlertsRepository,
    @Inject(AlertQueue) private readonly queue: AlertQueue,
    @Inject(FailingProcessingsCache) private readonly failing: FailingProcessingsCache,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async operationFinished(op: FinishedOperation): Promise<void> {
    // A filtered event is neither a failure nor proof that the processing works again.
    if (op.status === 'filtered') return;
    if (op.status === 'succeeded') return this.succeeded(op);
    const log = this.logger.child({ operationId: op.id, processingId: op.processingId });
    // Marked before the database so that a success racing this failure in another process finds
    // the mark and takes the (locked) database path; a mark left by a failed write heals itself.
    await this.failing.add(op.processingId).catch((e: Error) => log.warn({ err: e.message }, 'could not mark the processing as failing'));
    const { alerts, failing } = await this.alerts.recordFailure(
      { workspaceId: op.workspaceId, processingId: op.processingId, operationId: op.id },
      this.config.ALERT_WINDOW_MS,
    );
    // Again after the commit: a success recorded meanwhile by another process may have cleared the mark.
    if (failing) await this.failing.add(op.processingId).catch((e: Error) => log.warn({ err: e.message }, 'could not mark the processing as failing'));
    await this.enqueue(alerts, log);
  }

  /** The queue gave up on an operation after system errors: that is a failure to alert about too. */
  async operationGaveUp(operationId: string): Promise<void> {
    const op = await this.alerts.failedOperation(operationId);
    if (!op) return;
    await this.operationFinished({ id: operationId, ...op, status: 'failed', error: null });
  }

  /** The hot path: one Redis lookup, and nothing else unless the processing was failing. */
  private async succeeded(op: FinishedOperation): Promise<void> {
    const log = this.logger.child({ operationId: op.id, processingId: op.processingId });
    // Without Redis the mark is unknown; the database decides, which costs one query.
    const maybeFailing = await this.failing.has(op.processingId).catch(() => true);
    if (!maybeFailing) return;
    const queued = await this.alerts.recordSuccess(op.processingId, op.id);
    await this.failing.remove(op.processingId).catch((e: Error) => log.warn({ err: e.message }, 'could not clear the failing mark'));
    await this.enqueue(queued, log);
  }

  async enqueue(queued: QueuedAlert[], log: Logger): Promise<void> {
    for (const { alertId, delayMs } of queued) {
      if (!this.mailer) log.warn({ alertId }, 'SMTP_URL is not set: the alert is recorded and stays pending until it is');
      try {
        await this.queue.enqueue(alertId, delayMs);
      } catch (error) {
        // The row is committed: the sweeper queues it once Redis answers again.
        log.warn({ alertId, err: (error as Error).message }, 'could not queue the alert; the sweeper will');
      }
    }
  }
}
