import { runScript } from '@provod/data';
import type { RateLimiterPort } from '@provod/engine';
import type IORedis from 'ioredis';

// Reserves the next free slot for `key`, at least 1000/perSecond ms after the previous one, using
// Redis's clock so every worker process agrees. Returns how long the caller must wait for its slot.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + interval)
redis.call('SET', KEYS[1], slot, 'PX', math.ceil(slot - now + interval + 1000))
return slot - now
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * "At most N requests per second" for one destination, across all workers: requests are spaced
 * evenly, so no one-second window ever holds more than N. `wait` is how a caller waits for its slot;
 * a test passes one that records the waits, so the spacing is checked exactly, not on the wall clock.
 */
export class RedisRateLimiter implements RateLimiterPort {
  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {}

  async acquire(key: string, perSecond: number): Promise<void> {
    const waitMs = (await runScript(this.redis, RESERVE, 1, `${this.prefix}:rate:${key}`, String(1000 / perSecond))) as number;
    if (waitMs > 0) await this.wait(waitMs);
  }
}
