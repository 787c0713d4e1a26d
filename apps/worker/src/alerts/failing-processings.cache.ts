import { PROVOD_CONFIG, type ProvodConfig } from '@provod/data';
import { Inject, Injectable } from '@nestjs/common';
import type IORedis from 'ioredis';
import { ALERTS_REDIS } from './alerts.tokens';

/**
 * The processings in a failing streak, as a Redis set shared by every worker process. A succeeded
 * operation asks it one SISMEMBER and, almost always, stops there: no database round trip. The
 * `alert_state` table stays the truth; the sweeper rewrites this set from it, which also heals the
 * rare race where a success and a failure of one processing cross between two processes.
 */
@Injectable()
export class FailingProcessingsCache {
  private readonly key: string;

  constructor(
    @Inject(ALERTS_REDIS) private readonly redis: IORedis,
    @Inject(PROVOD_CONFIG) config: ProvodConfig,
  ) {
    this.key = `${config.QUEUE_PREFIX}:alerts:failing`;
  }

  async has(processingId: string): Promise<boolean> {
    return (await this.redis.sismember(this.key, processingId)) === 1;
  }

  async add(processingId: string): Promise<void> {
    await this.redis.sadd(this.key, processingId);
  }

  async remove(processingId: string): Promise<void> {
    await this.redis.srem(this.key, processingId);
  }

  async replaceAll(processingIds: readonly string[]): Promise<void> {
    const multi = this.redis.multi().del(this.key);
    if (processingIds.length) multi.sadd(this.key, ...processingIds);
    await multi.exec();
  }
}
