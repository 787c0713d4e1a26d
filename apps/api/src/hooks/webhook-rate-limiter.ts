import { PROVOD_CONFIG, REDIS, runScript, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type IORedis from 'ioredis';
import { TooManyRequests } from '../common/too-many-requests';

const UNKNOWN_TOKEN_LIMIT_PER_MINUTE = 60;

// KEYS: the counter. ARGV: its lifetime in seconds. One command per event instead of MULTI/INCR/EXPIRE/EXEC.
const COUNT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
return count
`;

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
   * For a known webhook URL only: one Redis round trip counts this second's events for it. Unknown
   * URLs are never counted here, so guesses and stale URLs cannot use up a live URL's allowance.
   */
  async checkRate(token: string): Promise<void> {
    const count = await this.count(`hook-rate:${token}:${Math.floor(Date.now() / 1000)}`, 2);
    if (count > this.config.WEBHOOK_RATE_LIMIT_PER_SECOND) {
      throw new TooManyRequests('Too many events for this webhook; slow down and retry', 1);
    }
  }

  /**
   * Called after the token was looked up and not found: counts the guess for this client, and past
   * the limit answers 429 instead of 404. A client's valid URLs keep working all the while.
   */
  async refuseUnknownToken(address: string): Promise<void> {
    const now = Date.now();
    const guesses = await this.count(`hook-404:${address}:${Math.floor(now / 60_000)}`, 120);
    if (guesses > UNKNOWN_TOKEN_LIMIT_PER_MINUTE) {
      throw new TooManyRequests('Too many requests to unknown webhooks', 60 - (Math.floor(now / 1000) % 60));
    }
  }

  private key(suffix: string): string {
    return `${this.config.QUEUE_PREFIX}:${suffix}`;
  }

  private async count(suffix: string, ttlSeconds: number): Promise<number> {
    try {
      return Number(await runScript(this.redis, COUNT, 1, this.key(suffix), ttlSeconds));
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'rate limit not checked: Redis unavailable');
      return 0;
    }
  }
}
