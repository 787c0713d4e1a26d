import { wakeToFront } from '@provod/data';
import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import { testConfig } from '../support/platform';

/** A parked job handed a capacity slot is woken at the front of the line, on the real BullMQ. */
describe('wakeToFront', () => {
  const config = testConfig();
  const prefix = `${config.QUEUE_PREFIX}-wake`;
  const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('wake-spec', { connection: redis, prefix });

  afterEach(() => queue.obliterate({ force: true }));
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
  });

  it('moves a delayed job ahead of every waiting one; a waiting job is left alone, a missing one is reported gone', async () => {
    await queue.add('run', { n: 'parked' }, { jobId: 'parked', delay: 60_000 });
    await queue.addBulk(['a', 'b', 'c'].map((n) => ({ name: 'run', data: { n }, opts: { jobId: n } })));

    expect(await wakeToFront(redis, queue, 'parked')).toBe('woken');
    expect(await wakeToFront(redis, queue, 'a')).toBe('not delayed');
    expect(await wakeToFront(redis, queue, 'no-such-job')).toBe('gone');
    expect(await queue.getDelayedCount()).toBe(0);

    const order: string[] = [];
    const worker = new Worker(
      'wake-spec',
      async (job: Job) => {
        order.push(job.id!);
      },
      { connection: new IORedis(config.REDIS_URL, { maxRetriesPerRequest: null }), prefix, concurrency: 1 },
    );
    await new Promise<void>((resolve) => worker.on('drained', () => resolve()));
    await worker.close();
    await worker.disconnect();
    expect(order).toEqual(['parked', 'a', 'b', 'c']);
  });
});
