import type { HttpRequestSettings } from '@provod/contracts';
import { sql } from '../support/platform';
import { UonFlowHarness } from '../support/uon-flow';

/** Retry policy per HTTP step: backoff with jitter, Retry-After honoured, earlier steps not re-run. */
describe('HTTP step retries through the real queue', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  const fastRetries = (attempts = 4) =>
    flow.reset((f) => {
      for (const action of f.actions) {
        if (action.type === 'http_request') {
          (action.settings as HttpRequestSettings).retry = { attempts, initialDelayMs: 200, maxDelayMs: 5_000, extraStatuses: [] };
        }
      }
    });

  it('retries 503, 503 then succeeds; history shows every attempt and its delay', async () => {
    await fastRetries();
    flow.uon.failures = [503, 503];
    await flow.startWorker();
    const { operationId } = await flow.send('r_id=61');
    const op = await flow.finished(operationId);

    expect(op.status).toBe('succeeded');
    expect(flow.uon.calls).toHaveLength(3);
    expect(flow.envybox.leads).toHaveLength(1);
    const fetch = op.steps[0]!;
    expect(fetch.attempt).toBe(3);
    expect(fetch.previousAttempts!.map((a) => [a.attempt, a.error.code])).toEqual([
      [1, 'http_status'],
      [2, 'http_status'],
    ]);
    // The schedule's figures (100–200 ms, then 200–400 ms) are checked to the millisecond on a clock the
    // test controls (step-retry.policy.spec.ts, run-operation.retry-timing.spec.ts). On the wall clock
    // only what holds exactly is checked: no wait is shorter than the schedule allows, and no try starts,
    // nor reaches U-ON, before the time the previous one set for it.
    const [first, second] = fetch.previousAttempts!;
    expect(first!.retryDelayMs).toBeGreaterThanOrEqual(100);
    expect(second!.retryDelayMs).toBeGreaterThanOrEqual(200);
    const dueAfter = (a: { startedAt: string; durationMs: number; retryDelayMs: number }) => Date.parse(a.startedAt) + a.durationMs + a.retryDelayMs;
    expect(Date.parse(second!.startedAt)).toBeGreaterThanOrEqual(dueAfter(first!));
    expect(Date.parse(fetch.startedAt)).toBeGreaterThanOrEqual(dueAfter(second!));
    const gaps = [flow.uon.calls[1]!.at - flow.uon.calls[0]!.at, flow.uon.calls[2]!.at - flow.uon.calls[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(first!.retryDelayMs);
    expect(gaps[1]).toBeGreaterThanOrEqual(second!.retryDelayMs);
    // Later steps ran once, after the successful try.
    expect(op.steps.slice(1).map((s) => s.attempt)).toEqual([1, 1, 1]);
  });

  it('honours Retry-After on 429 and never repeats a step that already succeeded', async () => {
    await fastRetries();
    await flow.startWorker();
    // Envybox is the one that pushes back: U-ON's step must not be called a second time.
    flow.envybox.failures = [{ status: 429, headers: { 'retry-after': '1' } }];
    const { operationId } = await flow.send('r_id=61');
    const op = await flow.finished(operationId);
    expect(op.status).toBe('succeeded');
    expect(flow.uon.calls).toHaveLength(1);
    expect(flow.envybox.calls).toBe(2);
    const send = op.steps[3]!;
    expect(send.attempt).toBe(2);
    const pushedBack = send.previousAttempts![0]!;
    expect(pushedBack).toMatchObject({ attempt: 1, error: { code: 'http_status' } });
    // Retry-After: 1 is a wait of exactly 1 000 ms; the recorded one also holds the moment between the
    // try's end and its scheduling, so it is never less.
    expect(pushedBack.retryDelayMs).toBeGreaterThanOrEqual(1_000);
    expect(Date.parse(send.startedAt)).toBeGreaterThanOrEqual(Date.parse(pushedBack.startedAt) + pushedBack.durationMs + pushedBack.retryDelayMs);
    expect(flow.envybox.leads).toHaveLength(1);
  });

  it('does not retry other 4xx, and gives up after the configured attempts', async () => {
    await fastRetries(2);
    await flow.startWorker();
    const notFound = await flow.finished((await flow.send('r_id=404404')).operationId);
    expect(notFound.status).toBe('failed');
    expect(flow.uon.calls).toHaveLength(1);
    expect(notFound.steps[0]!.previousAttempts).toBeUndefined();

    flow.uon.calls.length = 0;
    flow.uon.failures = [500, 500, 500];
    const exhausted = await flow.finished((await flow.send('r_id=61')).operationId);
    expect(exhausted.status).toBe('failed');
    expect(flow.uon.calls).toHaveLength(2);
    expect(exhausted.steps[0]).toMatchObject({ status: 'failed', attempt: 2 });
    expect(exhausted.error).toMatchObject({ code: 'http_status', step: 'Получить заявку из U-ON' });
  });

  it('keeps a waiting operation visible as "retrying" and out of the reconciler\'s way', async () => {
    await flow.reset((f) => {
      const fetch = f.actions[0]!;
      (fetch.settings as HttpRequestSettings).retry = { attempts: 3, initialDelayMs: 3_000, maxDelayMs: 3_000, extraStatuses: [] };
    });
    flow.uon.failures = [503];
    const worker = await flow.startWorker({ RECONCILE_QUEUED_AFTER_MS: '0' });
    const { operationId } = await flow.send('r_id=61');
    const waiting = await (async () => {
      for (let i = 0; i < 100; i++) {
        const op = await flow.operation(operationId);
        if (op.status === 'retrying') return op;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('never saw retrying');
    })();
    expect(waiting.steps[0]).toMatchObject({ status: 'retrying', nextAttemptAt: expect.any(String) });
    expect(await worker.reconciler.reconcileOnce()).toBe(0);
    const [row] = await sql<{ lease_until: Date }>('SELECT lease_until FROM operation WHERE id = $1', [operationId]);
    expect(row!.lease_until.getTime()).toBeGreaterThan(Date.now() + 1_000);
    const done = await flow.finished(operationId);
    expect(done.status).toBe('succeeded');
    expect(flow.uon.calls).toHaveLength(2);
  });
});

describe('rate limit per HTTP step across workers', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  it('spaces calls to U-ON to at most N per second, even with two worker processes', async () => {
    await flow.reset((f) => {
      (f.actions[0]!.settings as HttpRequestSettings).rateLimitPerSecond = 5;
    });
    await flow.startWorker({ WORKER_CONCURRENCY: '10' });
    const second = await (await import('../support/platform')).startWorker({ WORKER_CONCURRENCY: '10' });
    try {
      const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => flow.send(`r_id=61&n=${i}`)));
      await Promise.all(sent.map((s) => flow.finished(s.operationId)));
      const times = flow.uon.calls.map((c) => c.at).sort((a, b) => a - b);
      expect(times).toHaveLength(10);
      // The schedule itself (slots exactly 200 ms apart across workers) is checked on Redis's own record
      // in rate-limiter.spec.ts; arrival times carry the network stack's noise, so here only the wiring:
      // unlimited, all ten would land within a few ms, limited they spread over nine intervals (1.8 s).
      expect(times[9]! - times[0]!).toBeGreaterThanOrEqual(1_500);
    } finally {
      await second.close();
    }
  });
});
