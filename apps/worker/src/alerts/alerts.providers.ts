import { AlertQueue, AlertsRepository, PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { AlertConsumer } from './alert.consumer';
import { AlertSender } from './alert-sender.service';
import { AlertSweeper } from './alert-sweeper.service';
import { AlertsService } from './alerts.service';
import { ALERTS_REDIS } from './alerts.tokens';
import { FailingProcessingsCache } from './failing-processings.cache';

/**
 * Alerts get a Redis connection of their own that gives up quickly: the hook runs inside an
 * operation's job, and a Redis outage must cost it a logged warning, not a hang. Commands sent
 * while it connects wait for it, so the first alerts after a start are not refused.
 */
function createAlertsRedis(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 2_000 });
}

/** Closes what the alert providers opened. */
@Injectable()
class AlertsConnections implements OnApplicationShutdown {
  constructor(
    @Inject(ALERTS_REDIS) private readonly redis: IORedis,
    @Inject(AlertQueue) private readonly queue: AlertQueue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.race([this.queue.close().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000).unref())]);
    this.redis.disconnect();
  }
}

/** Everything the worker needs for e-mail alerts but the mailer (MailModule); spread into the worker module's providers. */
export const alertProviders: Provider[] = [
  { provide: ALERTS_REDIS, useFactory: (config: ProvodConfig) => createAlertsRedis(config.REDIS_URL), inject: [PROVOD_CONFIG] },
  {
    provide: AlertQueue,
    useFactory: (redis: IORedis, config: ProvodConfig) => new AlertQueue(redis, config.QUEUE_PREFIX),
    inject: [ALERTS_REDIS, PROVOD_CONFIG],
  },
  { provide: AlertsRepository, useFactory: (db: DataSource) => new AlertsRepository(db), inject: [DataSource] },
  AlertsConnections,
  FailingProcessingsCache,
  AlertsService,
  AlertSender,
  AlertConsumer,
  AlertSweeper,
];
