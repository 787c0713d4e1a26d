import { DatabaseOutageClock, writeDurably } from './durable-write';

const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('writeDurably', () => {
  it('tries again while the database is unavailable, with growing waits, and returns once it answers', async () => {
    let now = 0;
    const waits: number[] = [];
    let calls = 0;
    const result = await writeDurably(
      async () => {
        calls += 1;
        if (calls < 5) throw refused();
        return 'recorded';
      },
      { budgetMs: 60_000, now: () => now, sleep: async (ms) => void ((now += ms), waits.push(ms)) },
    );
    expect(result).toBe('recorded');
    expect(calls).toBe(5);
    expect(waits).toHaveLength(4);
    for (let i = 1; i < waits.length; i += 1) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(waits.every((ms) => ms <= 5_000)).toBe(true);
  });

  it('gives up with the database error once the budget is spent', async () => {
    let now = 0;
    let calls = 0;
    const error = refused();
    await expect(
      writeDurably(
        async () => {
          calls += 1;
          throw error;
        },
        { budgetMs: 20_000, now: () => now, sleep: async (ms) => void (now += ms) },
      ),
    ).rejects.toBe(error);
    expect(now).toBeLessThanOrEqual(20_000);
    expect(calls).toBeGreaterThan(3);
  });

  it('throws any other error at once: waiting would not fix it', async () => {
    let calls = 0;
    const bug = new TypeError('bad statement');
    await expect(
      writeDurably(
        async () => {
          calls += 1;
          throw bug;
        },
        { budgetMs: 60_000, sleep: async () => undefined },
      ),
    ).rejects.toBe(bug);
    expect(calls).toBe(1);
  });
});

describe('DatabaseOutageClock', () => {
  it('waits about a second at first, at most 10 s as the outage goes on, and starts over after it', () => {
    let now = 0;
    const sut = new DatabaseOutageClock(() => now);
    expect(sut.nextWaitMs()).toBeLessThanOrEqual(1_000);
    now = 600_000;
    const long = sut.nextWaitMs();
    expect(long).toBeGreaterThanOrEqual(5_000);
    expect(long).toBeLessThanOrEqual(10_000);
    sut.recovered();
    expect(sut.nextWaitMs()).toBeLessThanOrEqual(1_000);
  });
});
