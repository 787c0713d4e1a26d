import { PROVOD_CONFIG, REDIS, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { TooManyRequests } from '../common/too-many-requests';

const UNKNOWN_TOKEN_LIMIT_PER_MINUTE = 60;

/**
 * Per-URL and per-client limits, counted in Redis so they hold across API processes. If Redis
 * cannot answer, events are let through: storing an event matters more than limiting it.
 */
@Injectable()
export class WebhookRateLimiter {
  private readonly logger = new Logger(WebhookRateLimiter.name);

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  /**
   * One Redis round trip per event: counts this second's events for the URL and reads how many
   * unknown URLs the client has tried this minute.
   */
  async check(token: string, address: string): Promise<void> {
    const now = Date.now();
    const rateKey = this.key(`hook-rate:${token}:${Math.floor(now / 1000)}`);
    const guessKey = this.key(`hook-404:${address}:${Math.floor(now / 60_000)}`);
    let results: [Error | null, unknown][] | null = null;
    try {
      results = await this.redis.multi().incr(rateKey).expire(rateKey, 2).get(guessKey).exec();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate limit not checked: Redis unavailable');
      return;
    }
    if (Number(results?.[2]?.[1] ?? 0) >= UNKNOWN_TOKEN_LIMIT_PER_MINUTE) {
      throw new TooManyRequests('Too many requests to unknown webhooks', 60 - (Math.floor(now / 1000) % 60));
    }
    if (Number(results?.[0]?.[1] ?? 0) > this.config.WEBHOOK_RATE_LIMIT_PER_SECOND) {
      throw new TooManyRequests('Too many events for this webhook; slow down and retry', 1);
    }
  }

  async recordUnknownToken(address: string): Promise<void> {
    await this.count(`hook-404:${address}:${Math.floor(Date.now() / 60_000)}`, 120);
  }

  private key(suffix: string): string {
    return `${this.config.QUEUE_PREFIX}:${suffix}`;
  }

  private async count(suffix: string, ttlSeconds: number): Promise<number> {
    try {
      const results = await this.redis.multi().incr(this.key(suffix)).expire(this.key(suffix), ttlSeconds).exec();
      return Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate limit not checked: Redis unavailable');
      return 0;
    }
  }
}
