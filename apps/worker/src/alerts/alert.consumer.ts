import { alertRetryDelay, PROVOD_CONFIG, QueueName, type AlertJob, type ProvodConfig } from '@provod/data';
import { MAILER, type Mailer } from '@provod/mail';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DelayedError, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { LOGGER, type Logger } from '../logger';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { AlertSender } from './alert-sender.service';

/** Thin adapter from the alerts queue to the sender: the job carries the alert id and nothing else. */
@Injectable()
export class AlertConsumer implements OnModuleInit, OnApplicationShutdown {
  private worker?: Worker<AlertJob>;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(AlertSender) private readonly sender: AlertSender,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  onModuleInit(): void {
    if (!this.mailer) {
      // Jobs wait in the queue and rows stay pending; a worker started with SMTP_URL sends them.
      this.logger.warn('SMTP_URL is not set: alerts are recorded but not sent');
      return;
    }
    this.worker = new Worker<AlertJob>(QueueName.Alerts, (job, token) => this.process(job, token), {
      connection: new IORedis(this.config.REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: 5,
      settings: { backoffStrategy: (attemptsMade: number) => alertRetryDelay(attemptsMade) },
    });
    this.worker.on('failed', (job, error) => this.onFailed(job, error));
    this.worker.on('error', (error) => this.logger.error({ err: error.message }, 'alerts queue connection error'));
  }

  private async process(job: Job<AlertJob>, token?: string): Promise<string> {
    const result = await this.sender.send(job.data.alertId).catch((error: unknown) => {
      this.metrics.alertsSent.inc({ result: 'failed' });
      throw error;
    });
    if (result.outcome === 'sent' || result.outcome === 'skipped') this.metrics.alertsSent.inc({ result: result.outcome });
    if (result.outcome === 'wait') {
      // A digest reached before its window ended (clocks differ a little), or a mail whose predecessor is not out yet.
      await job.moveToDelayed(Date.now() + result.waitMs, token);
      throw new DelayedError();
    }
    return result.outcome;
  }

  private onFailed(job: Job<AlertJob> | undefined, error: Error): void {
    if (!job) return;
    const final = job.attemptsMade >= (job.opts.attempts ?? 1);
    this.logger.warn(
      { alertId: job.data.alertId, attempt: job.attemptsMade, final, err: error.message },
      final ? 'alert not sent after every attempt; the sweeper queues it again' : 'alert not sent; it will be retried',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.worker?.disconnect();
  }
}
