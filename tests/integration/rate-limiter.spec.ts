import IORedis from 'ioredis';
import { RedisRateLimiter } from '../../apps/worker/src/operations/redis-rate-limiter';
import { testConfig } from '../support/platform';

/**
 * The per-step rate limit's schedule, on the real Redis: the slots it hands out are read back from
 * Redis and the waits are recorded instead of slept, so the spacing is checked to the millisecond
 * rather than from arrival times, which carry the network stack's noise.
 */
describe('RedisRateLimiter', () => {
  const prefix = `${testConfig().QUEUE_PREFIX}:rate-limiter-spec`;
  const connections: IORedis[] = [];
  const connect = () => {
    const redis = new IORedis(testConfig().REDIS_URL);
    connections.push(redis);
    return redis;
  };
  afterAll(async () => {
    const keys = await connections[0]!.keys(`${prefix}:*`);
    if (keys.length) await connections[0]!.del(...keys);
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('two workers share one schedule: each slot exactly 1000/N ms after the one before, and each caller waits for its own', async () => {
    const waits: number[] = [];
    const record = async (ms: number) => void waits.push(ms);
    // Two connections and two limiters: two worker processes.
    const workers = [new RedisRateLimiter(connect(), prefix, record), new RedisRateLimiter(connect(), prefix, record)];
    const reader = connect();
    const key = 'https://u-on.example a1';
    const slots: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      await workers[i % 2]!.acquire(key, 5);
      slots.push(Number(await reader.get(`${prefix}:rate:${key}`)));
    }
    expect(slots.slice(1).map((slot, i) => slot - slots[i]!)).toEqual(Array(9).fill(200));
    // The first call finds the key empty and goes at once (no wait); every later one waits for its slot,
    // which is never further off than its place in the line, and each longer than the one before.
    expect(waits).toHaveLength(9);
    for (let i = 0; i < waits.length; i += 1) {
      expect(waits[i]!).toBeLessThanOrEqual((i + 1) * 200);
      if (i > 0) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    }
    // No one-second window holds more than five slots.
    for (let i = 0; i + 5 < slots.length; i += 1) expect(slots[i + 5]! - slots[i]!).toBeGreaterThanOrEqual(1_000);
  });

  it('keys are apart: another destination does not wait behind this one', async () => {
    const waits: number[] = [];
    const redis = connect();
    const limiter = new RedisRateLimiter(redis, prefix, async (ms) => void waits.push(ms));
    const slot = async (key: string) => Number(await redis.get(`${prefix}:rate:${key}`));
    await limiter.acquire('https://a.example x', 1);
    const first = await slot('https://a.example x');
    await limiter.acquire('https://b.example x', 1);
    expect(waits).toEqual([]);
    await limiter.acquire('https://a.example x', 1);
    expect(await slot('https://a.example x')).toBe(first + 1_000);
    expect(waits).toHaveLength(1);
    expect(waits[0]!).toBeGreaterThan(0);
    expect(waits[0]!).toBeLessThanOrEqual(1_000);
  });
});
