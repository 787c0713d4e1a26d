import type { ProcessingView } from '@provod/contracts';
import { OperationQueue, OperationsRepository, createDataSource } from '@provod/data';
import IORedis from 'ioredis';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { WorkerMetrics } from '../../apps/worker/src/metrics/worker-metrics';
import { Reconciler } from '../../apps/worker/src/reconciler/reconciler.service';
import { CuttableProxy } from '../support/cuttable-proxy';
import { api, uonToEnvybox } from '../support/flows';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi } from '../support/platform';
import { signUp } from '../support/session';

interface Health {
  status: 'ok' | 'degraded' | 'unavailable';
  reasons: string[];
  workers: { alive: number; gone: string[] } | null;
  backlog: { waiting: number; oldestWaitingSeconds: number | null; pastLease: number } | null;
}

/** Health tells waiting from flowing, the reconciler drains thousands at once, outages stay readable. */
describe('health, bulk recovery and outages at ingest', () => {
  let platform: RunningApi;
  let processing: ProcessingView;
  let redis: IORedis;
  const prefix = testConfig().QUEUE_PREFIX;

  beforeAll(async () => {
    platform = await startApi({ HEALTH_MAX_WAIT_SECONDS: '60' });
    redis = new IORedis(testConfig().REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    redis.disconnect();
    await platform.close();
  });
  beforeEach(async () => {
    await resetState();
    const session = await signUp(platform.url);
    const { body } = await api<ProcessingView>(session, 'POST', '/api/processings/import', uonToEnvybox('http://127.0.0.1:9', 'http://127.0.0.1:9'));
    processing = body;
  });

  const health = async () => (await api<Health>(platform.url, 'GET', '/api/health')).body;
  /** Operations written straight into the table, as they would stand after some history. */
  const insertOperations = (count: number, status: string, receivedSecondsAgo: number, leaseSecondsFromNow: number | null = null) =>
    sql(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, params, received_at, lease_until)
       SELECT p.workspace_id, p.id, p.version, $2, '{}'::jsonb, '{}'::jsonb,
              now() - make_interval(secs => $3::float8) + make_interval(secs => g / 1000.0),
              CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() + make_interval(secs => $4::float8) END
       FROM processing p, generate_series(1, $5) g WHERE p.id = $1`,
      [processing.id, status, receivedSecondsAgo, leaseSecondsFromNow, count],
    );

  it('is ok with nothing waiting and no workers known', async () => {
    expect(await health()).toMatchObject({ status: 'ok', reasons: [], workers: { alive: 0, gone: [] }, backlog: { waiting: 0, pastLease: 0 } });
  });

  it('is degraded when the oldest waiting event is older than the threshold, and says so', async () => {
    await insertOperations(1, 'queued', 10);
    expect((await health()).reasons).not.toContainEqual(expect.stringContaining('oldest waiting event'));
    await insertOperations(3, 'queued', 120);
    const report = await health();
    expect(report.status).toBe('degraded');
    expect(report.backlog).toMatchObject({ waiting: 4, oldestWaitingSeconds: expect.any(Number) });
    expect(report.backlog!.oldestWaitingSeconds!).toBeGreaterThan(100);
    expect(report.reasons).toContainEqual(expect.stringMatching(/oldest waiting event has waited \d+ s \(more than 60 s\)/));
    expect(report.reasons).toContainEqual('4 events wait and no worker is running');
  });

  it('is degraded when operations run past their lease', async () => {
    await insertOperations(2, 'running', 30, -5);
    await insertOperations(1, 'running', 30, 60);
    const report = await health();
    expect(report.status).toBe('degraded');
    expect(report.backlog?.pastLease).toBe(2);
    expect(report.reasons).toContainEqual('2 operations run past their lease (their worker stopped)');
  });

  it('counts a running worker, forgets one that shut down, and reports one that went silent as gone', async () => {
    const worker = await startWorker();
    try {
      expect((await health()).workers).toEqual({ alive: 1, gone: [] });
    } finally {
      await worker.close();
    }
    expect(await health()).toMatchObject({ status: 'ok', workers: { alive: 0, gone: [] } });

    // A worker killed 20 s ago: its last beat is older than the 9 s it may stay silent.
    const [seconds] = await redis.time();
    await redis.zadd(`${prefix}:workers`, Number(seconds) * 1000 - 20_000, 'host-a:4242');
    const report = await health();
    expect(report.status).toBe('degraded');
    expect(report.workers).toEqual({ alive: 0, gone: ['host-a:4242'] });
    expect(report.reasons).toContainEqual('1 worker stopped without shutting down: host-a:4242');
  });

  it('re-enqueues 5,000 stranded operations in one pass, each once', async () => {
    await insertOperations(5_000, 'queued', 600);
    // BullMQ leaves a connection it was given open when the queue closes: this test closes it.
    const queueRedis = new IORedis(testConfig().REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new OperationQueue(queueRedis, prefix, 3);
    const db = await createDataSource(testConfig().DATABASE_URL).initialize();
    const sut = new Reconciler(
      testConfig({ RECONCILE_QUEUED_AFTER_MS: '30000' }),
      new OperationsRepository(db),
      queue,
      pino({ level: 'silent' }),
      new WorkerMetrics(),
    );
    try {
      const started = process.hrtime.bigint();
      const requeued = await sut.reconcileOnce();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(`reconciler: ${requeued} stranded operations re-enqueued in ${seconds.toFixed(2)} s\n`);

      expect(requeued).toBe(5_000);
      expect(await queue.queue.getWaitingCount()).toBe(5_000);
      // A second pass finds them all in the queue and adds nothing.
      const again = process.hrtime.bigint();
      expect(await sut.reconcileOnce()).toBe(0);
      process.stdout.write(`reconciler: a pass over 5000 queued operations already in the queue took ${(Number(process.hrtime.bigint() - again) / 1e9).toFixed(2)} s\n`);
      expect(await queue.queue.getWaitingCount()).toBe(5_000);
    } finally {
      await queue.queue.obliterate({ force: true });
      await queue.close();
      await queueRedis.quit();
      await db.destroy();
    }
  });

  it('answers 503 with Retry-After while the database is away, and logs the run of failures as one line and a count', async () => {
    const target = new URL(testConfig().DATABASE_URL);
    const proxy = await new CuttableProxy(target.hostname, Number(target.port || 5432)).start();
    const logFile = join(tmpdir(), `provod-ingest-${process.pid}-${Date.now()}.log`);
    const isolated = await startApi({ DATABASE_URL: proxy.via(testConfig().DATABASE_URL), LOG_FILE: logFile, LOG_LEVEL: 'info', LOG_REPEAT_WINDOW_MS: '1000' });
    try {
      proxy.cut();
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => fetch(`${isolated.url}/hooks/${processing.webhookToken}?r_id=61`).then(async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after') }))),
      );
      expect(answers.every((a) => a.status === 503 && a.retryAfter === '5')).toBe(true);

      const lines = () =>
        readFileSync(logFile, 'utf8')
          .split('\n')
          .filter((line) => line.includes('webhook could not be stored'))
          .map((line) => JSON.parse(line) as { repeated?: number; windowMs?: number });
      const counted = (written: ReturnType<typeof lines>) => written.reduce((sum, line) => sum + (line.repeated ?? 0), 0);
      // The first is written as it happens; the rest are summed up when their 1 s window closes.
      const written = await waitFor(async () => (counted(lines()) >= 39 ? lines() : undefined), 10_000, 'the summary lines');
      process.stdout.write(`ingest outage: 40 refused with Retry-After 5; ${written.length} log lines about them\n`);
      expect(written[0]?.repeated).toBeUndefined();
      expect(written.slice(1).every((line) => line.windowMs === 1000 && (line.repeated ?? 0) > 0)).toBe(true);
      expect(counted(written)).toBe(39);
      // One line per window at most: far fewer lines than failures.
      expect(written.length).toBeLessThan(10);
    } finally {
      proxy.restore();
      await isolated.close();
      await proxy.stop();
      rmSync(logFile, { force: true });
    }
  });
});
