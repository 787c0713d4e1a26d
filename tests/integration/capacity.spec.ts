import type { OperationStatus, ProcessingView } from '@provod/contracts';
import { readCapacityWaiting } from '@provod/data';
import IORedis from 'ioredis';
import { processingTo, sendEvent } from '../support/capacity-flow';
import { api } from '../support/flows';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { RecordingDestination } from '../support/recording-destination';
import { signUp, type Session } from '../support/session';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

interface OperationRow {
  status: OperationStatus;
  attempts: number;
  step_attempt: number | null;
}

function operationsOf(processingId: string): Promise<OperationRow[]> {
  return sql<OperationRow>(`SELECT status, attempts, (steps -> 0 ->> 'attempt')::int AS step_attempt FROM operation WHERE processing_id = $1`, [
    processingId,
  ]);
}

/** Every `n` arrived exactly once. */
function expectEachOnce(destination: RecordingDestination, sent: number): void {
  const counts = destination.counts();
  expect(counts.size).toBe(sent);
  expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
}

describe('one destination cannot starve the others', () => {
  let platform: RunningApi;
  let session: Session;
  const workers: RunningWorker[] = [];
  const destinations: RecordingDestination[] = [];
  const redis = new IORedis(testConfig().REDIS_URL);

  beforeAll(async () => {
    platform = await startApi();
  });
  beforeEach(async () => {
    await resetState();
    session = await signUp(platform.url);
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close()));
    await Promise.all(destinations.splice(0).map((d) => d.stop()));
  });
  afterAll(async () => {
    redis.disconnect();
    await platform.close();
  });

  async function destination(delayMs: number): Promise<RecordingDestination> {
    const d = await new RecordingDestination().start();
    d.delayMs = delayMs;
    destinations.push(d);
    return d;
  }

  const hook = (processing: ProcessingView, n: number) => sendEvent(platform.url, processing, n);

  it('the limit is validated on save: a whole number from 1 to 100, the default when absent', async () => {
    const d = await destination(0);
    const processing = await processingTo(session, 'Limits', d);
    expect(processing.source.concurrency).toBeUndefined();
    for (const bad of [0, 101, 2.5, '3']) {
      const res = await api<{ issues?: Array<{ path: string }> }>(session, 'PATCH', `/api/processings/${processing.id}`, { source: { concurrency: bad } });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('source.concurrency');
    }
    const saved = await api<ProcessingView>(session, 'PATCH', `/api/processings/${processing.id}`, { source: { concurrency: 3 } });
    expect(saved.status).toBe(200);
    expect(saved.body.source).toMatchObject({ concurrency: 3, parameters: [{ name: 'n' }] });
  });

  it('a processing whose destination answers in 20 s holds only its own slots; the healthy one keeps flowing', async () => {
    const slow = await destination(20_000);
    const healthy = await destination(0);
    // The default limit (5), as a user who never opened the setting has it.
    const slowProcessing = await processingTo(session, 'Slow CRM', slow);
    const healthyProcessing = await processingTo(session, 'Healthy CRM', healthy);
    // Two worker processes' worth of slots (2 × 10), shared through Redis.
    workers.push(await startWorker({ WORKER_CONCURRENCY: '10' }), await startWorker({ WORKER_CONCURRENCY: '10' }));

    const rate = 5;
    const seconds = 10;
    // The healthy processing gets twice the events, so its p99 is not simply its slowest one.
    const healthyPerSlow = 2;
    const healthyTotal = rate * seconds * healthyPerSlow;
    const sentAt = new Map<string, number>();
    let maxRunning = 0;
    let maxWaiting = 0;
    // The healthy processing has a limit too (5): on a loaded machine its own events may queue for it.
    let maxHealthyWaiting = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const [row] = await sql<{ running: number }>(`SELECT count(*)::int AS running FROM operation WHERE processing_id = $1 AND status = 'running'`, [
          slowProcessing.id,
        ]);
        maxRunning = Math.max(maxRunning, row?.running ?? 0);
        const capacity = await readCapacityWaiting(redis, testConfig().QUEUE_PREFIX);
        maxWaiting = Math.max(maxWaiting, capacity.gates.find((g) => g.gate === `processing:${slowProcessing.id}`)?.waiting ?? 0);
        maxHealthyWaiting = Math.max(maxHealthyWaiting, capacity.gates.find((g) => g.gate === `processing:${healthyProcessing.id}`)?.waiting ?? 0);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    // A few events to warm up (connections, caches), left out of every figure.
    const warmUpFrom = 200_000;
    const warmUpCount = 10;
    for (let i = 0; i < warmUpCount; i++) await hook(healthyProcessing, warmUpFrom + i);
    await waitFor(async () => healthy.arrivals.length >= warmUpCount, 20_000, 'the warm-up events to be delivered');
    // Then the healthy processing alone, on this machine as loaded as it is now: the figure to compare with.
    const baselineFrom = 100_000;
    const baselineCount = rate * healthyPerSlow * 4;
    for (let i = 0; i < baselineCount; i++) {
      sentAt.set(String(baselineFrom + i), Date.now());
      await hook(healthyProcessing, baselineFrom + i);
      await new Promise((r) => setTimeout(r, 1000 / rate / healthyPerSlow));
    }
    await waitFor(async () => healthy.arrivals.length >= warmUpCount + baselineCount, 20_000, 'the healthy events sent alone to be delivered');
    const latenciesOf = (inBaseline: boolean) =>
      healthy.arrivals
        .filter((a) => Number(a.n) < warmUpFrom && Number(a.n) >= baselineFrom === inBaseline)
        .map((a) => a.at - sentAt.get(a.n)!)
        .sort((a, b) => a - b);
    const alone = latenciesOf(true);

    const sends: Array<Promise<void>> = [];
    for (let i = 0; i < rate * seconds; i++) {
      sends.push(hook(slowProcessing, i));
      for (let k = 0; k < healthyPerSlow; k++) {
        const n = i * healthyPerSlow + k;
        sentAt.set(String(n), Date.now());
        sends.push(hook(healthyProcessing, n));
        await new Promise((r) => setTimeout(r, 1000 / rate / healthyPerSlow));
      }
    }
    await Promise.all(sends);
    await waitFor(async () => healthy.arrivals.length >= warmUpCount + baselineCount + healthyTotal, 20_000, 'every healthy event to be delivered');

    const latencies = latenciesOf(false);
    const slowInFlightWhileSlow = slow.maxInFlight;
    const slowDeliveredWhileSlow = slow.arrivals.length;
    process.stdout.write(
      `capacity: healthy processing (${rate * healthyPerSlow} events/s) beside a destination answering in 20 s (${rate} events/s), for ${seconds} s: ` +
        `healthy delivered ${latencies.length}/${healthyTotal}, end-to-end p50 ${percentile(latencies, 50)} ms, p90 ${percentile(latencies, 90)} ms, ` +
        `p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms; slow destination: ${slowDeliveredWhileSlow} requests started, ` +
        `at most ${slowInFlightWhileSlow} in flight, at most ${maxRunning} running in history, up to ${maxWaiting} events waiting for a slot ` +
        `(healthy processing: up to ${maxHealthyWaiting} waiting for one of its own); the healthy processing alone just before: ` +
        `p50 ${percentile(alone, 50)} ms, p99 ${percentile(alone, 99)} ms (${alone.length} events)\n`,
    );

    // Health counts who waits; which processing it is stays out of the public answer.
    const health = await api<{ capacity: { waiting: number; limitsReached: number } }>(platform.url, 'GET', '/api/health');
    expect(health.body.capacity.waiting).toBeGreaterThan(0);
    expect(health.body.capacity.limitsReached).toBe(1);
    expect(JSON.stringify(health.body)).not.toContain(slowProcessing.id);
    expect((await readCapacityWaiting(redis, testConfig().QUEUE_PREFIX)).gates[0]).toMatchObject({ gate: `processing:${slowProcessing.id}`, inFlight: 5 });
    // The owner's system page names them: the processing at its limit and the host it waits on.
    const system = await api<{ capacity: Array<Record<string, unknown>> }>(session, 'GET', '/api/system');
    expect(system.body.capacity).toContainEqual(
      expect.objectContaining({ kind: 'processing', name: 'Slow CRM', processingId: slowProcessing.id, inFlight: 5, limit: 5, waiting: expect.any(Number) }),
    );
    expect(system.body.capacity).toContainEqual({ kind: 'host', name: new URL(slow.url).host, inFlight: 5, waiting: 0, limit: 10 });
    expect(system.body.capacity.find((row) => row.processingId === slowProcessing.id)!.waiting).toBeGreaterThan(0);

    // The destination recovers: the waiting events go out, each once, and none used up an attempt.
    slow.delayMs = 0;
    await waitFor(async () => slow.arrivals.length >= rate * seconds, 40_000, 'every slow event to be delivered');
    await waitFor(
      async () => (await operationsOf(slowProcessing.id)).every((op) => op.status === 'succeeded'),
      10_000,
      'the slow operations to be recorded',
    );
    sampling = false;
    await sampler;

    expectEachOnce(healthy, warmUpCount + baselineCount + healthyTotal);
    expectEachOnce(slow, rate * seconds);
    expect(slowInFlightWhileSlow).toBeLessThanOrEqual(5);
    expect(slow.maxInFlight).toBeLessThanOrEqual(5);
    expect(maxRunning).toBeLessThanOrEqual(5);
    expect(maxWaiting).toBeGreaterThan(0);
    for (const [processing, total] of [
      [slowProcessing, rate * seconds],
      [healthyProcessing, warmUpCount + baselineCount + healthyTotal],
    ] as const) {
      const ops = await operationsOf(processing.id);
      expect(ops).toHaveLength(total);
      expect(ops.filter((op) => op.status !== 'succeeded' || op.attempts !== 1 || op.step_attempt !== 1)).toEqual([]);
    }
    expect((await readCapacityWaiting(redis, testConfig().QUEUE_PREFIX)).waiting).toBe(0);
  });

  it('a burst to one processing at its limit waits in place for slots freed by its own runs instead of parking every event', async () => {
    const fast = await destination(0);
    const processing = await processingTo(session, 'Burst', fast, 2);
    const events = `${testConfig().QUEUE_PREFIX}:operations:events`;
    const [last] = (await redis.xrevrange(events, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>;
    const since = last?.[0] ?? '0';
    workers.push(await startWorker({ WORKER_CONCURRENCY: '10' }));
    const sent = 20;
    await Promise.all(Array.from({ length: sent }, (_, n) => hook(processing, n)));
    await waitFor(async () => fast.arrivals.length >= sent, 30_000, 'every event to be delivered');
    await waitFor(async () => (await operationsOf(processing.id)).every((op) => op.status === 'succeeded'), 10_000, 'the operations to be recorded');

    const entries = (await redis.xrange(events, `(${since}`, '+')) as Array<[string, string[]]>;
    const parked = entries.filter(([, fields]) => fields[0] === 'event' && fields[1] === 'delayed').length;
    process.stdout.write(`capacity: ${sent} events at once to a processing limited to 2, worker concurrency 10: ${parked} parked, at most ${fast.maxInFlight} in flight\n`);
    expectEachOnce(fast, sent);
    expect(fast.maxInFlight).toBeLessThanOrEqual(2);
    // Parking each event the limit did not admit at once would be 18; the runs waiting here take the
    // slots their neighbours free. A run that outwaits PROCESSING_SLOT_WAIT_MS on a loaded machine parks.
    expect(parked).toBeLessThanOrEqual(sent / 4);
  });

  it('a destination host shared by two processings gets at most its host limit in flight; waiting costs no attempt', async () => {
    const shared = await destination(400);
    const first = await processingTo(session, 'First', shared, 20);
    const second = await processingTo(session, 'Second', shared, 20);
    workers.push(
      await startWorker({ WORKER_CONCURRENCY: '10', DESTINATION_HOST_CONCURRENCY: '3' }),
      await startWorker({ WORKER_CONCURRENCY: '10', DESTINATION_HOST_CONCURRENCY: '3' }),
    );
    const perProcessing = 15;
    await Promise.all(
      Array.from({ length: perProcessing }, (_, i) => [hook(first, i), hook(second, perProcessing + i)]).flat(),
    );
    await waitFor(async () => shared.arrivals.length >= 2 * perProcessing, 30_000, 'every event to be delivered');
    await waitFor(
      async () => (await sql(`SELECT 1 FROM operation WHERE status <> 'succeeded'`)).length === 0,
      10_000,
      'the operations to be recorded',
    );
    process.stdout.write(`capacity: host limit 3, ${2 * perProcessing} events from two processings: at most ${shared.maxInFlight} in flight\n`);

    expectEachOnce(shared, 2 * perProcessing);
    expect(shared.maxInFlight).toBeLessThanOrEqual(3);
    for (const processing of [first, second]) {
      const ops = await operationsOf(processing.id);
      expect(ops.filter((op) => op.status !== 'succeeded' || op.attempts !== 1 || op.step_attempt !== 1)).toEqual([]);
    }
  });
});
