import { runScript } from '@provod/data';
import IORedis from 'ioredis';
import { createHash } from 'node:crypto';

describe('Lua scripts run by their SHA', () => {
  const redis = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  afterAll(() => redis.quit());

  it('sends the source once, then runs the cached script by its SHA', async () => {
    const script = `return {KEYS[1], ARGV[1], '${process.env.TEST_DATABASE_NAME}'}`;
    const sha = createHash('sha1').update(script).digest('hex');
    expect(await redis.script('EXISTS', sha)).toEqual([0]);
    expect(((await runScript(redis, script, 1, 'k', 'v')) as unknown[]).slice(0, 2)).toEqual(['k', 'v']);
    expect(await redis.script('EXISTS', sha)).toEqual([1]);
    expect(((await runScript(redis, script, 1, 'k2', 'v2')) as unknown[]).slice(0, 2)).toEqual(['k2', 'v2']);
  });

  it('passes errors of the script itself through', async () => {
    await expect(runScript(redis, "return redis.call('NOSUCHCOMMAND')", 0)).rejects.toThrow(/Unknown Redis command/i);
  });
});
