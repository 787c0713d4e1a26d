import { idempotencyKeyFor } from '@provod/actions';
import type { OperationDetail, ProcessingView, StepResult } from '@provod/contracts';
import { QueueName } from '@provod/data';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { CuttableProxy } from '../support/cuttable-proxy';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeUon } from '../support/fake-uon';
import { api, uonToEnvybox } from '../support/flows';
import { signUp, type Session } from '../support/session';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';

/** Nothing committed is lost, and nothing that reached another system runs twice. */
describe('worker durability: reconciler, crash resume, held events', () => {
  let platform: RunningApi;
  let worker: RunningWorker | undefined;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let processing: ProcessingView;
  let session: Session;
  let redis: IORedis;
  let queue: Queue;

  beforeAll(async () => {
    platform = await startApi();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
    redis = new IORedis(testConfig().REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.Operations, { connection: redis, prefix: testConfig().QUEUE_PREFIX });
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await platform.close();
    await uon.stop();
    await envybox.stop();
  });
  beforeEach(async () => {
    await resetState();
    session = await signUp(platform.url);
    uon.calls.length = 0;
    envybox.leads.length = 0;
    await api(session, 'PUT', '/api/secrets/UON_KEY', { value: uon.apiKey });
    await api(session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: envybox.apiKey });
    const { body } = await api<ProcessingView>(session, 'POST', '/api/processings/import', uonToEnvybox(uon.url, envybox.url));
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${body.id}/start`)).body;
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  const send = async (rId: string) => {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?r_id=${rId}`);
    return ((await res.json()) as { operationId: string }).operationId;
  };
  const status = async (id: string) => (await api<OperationDetail>(session, 'GET', `/api/operations/${id}`)).body;
  const finished = (id: string, timeoutMs = 15_000) =>
    waitFor(
      async () => {
        const op = await status(id);
        return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
      },
      timeoutMs,
      `operation ${id} to finish`,
    );
  /** A proxy in front of this run's PostgreSQL that the test can cut: only the worker goes through it. */
  const databaseProxy = () => {
    const target = new URL(testConfig().DATABASE_URL);
    return new CuttableProxy(target.hostname, Number(target.port || 5432)).start();
  };

  it('re-enqueues an operation whose job was lost (Redis restarted without persistence)', async () => {
    const id = await send('61');
    await queue.obliterate({ force: true }); // the job is gone; only PostgreSQL remembers the event
    expect(await queue.getJob(id)).toBeUndefined();

    // The reconciler's first pass runs as the worker starts.
    worker = await startWorker({ RECONCILE_QUEUED_AFTER_MS: '0' });
    const op = await waitFor(async () => ((await status(id)).status === 'succeeded' ? status(id) : undefined));
    expect(op.status).toBe('succeeded');
    expect(envybox.leads).toHaveLength(1);
  });

  it('resumes a crashed operation after its lease at the unfinished step, without calling U-ON again', async () => {
    const id = await send('61');
    await queue.obliterate({ force: true });
    // A worker fetched the request from U-ON, recorded it, and died before the rest.
    const fetched: StepResult = {
      actionId: 'a1-fetch',
      key: 'fetch_request',
      type: 'http_request',
      name: 'Получить заявку из U-ON',
      status: 'succeeded',
      input: { method: 'GET', url: `${uon.url}/••••••/request/61.json` },
      output: { status: 200, headers: {}, body: { request: [uon.requests.get('61')] } },
      startedAt: new Date().toISOString(),
      durationMs: 12,
      attempt: 1,
    };
    await sql(`UPDATE operation SET status = 'running', attempts = 1, started_at = now(), lease_until = now() - interval '1 second', steps = $2 WHERE id = $1`, [
      id,
      JSON.stringify([fetched]),
    ]);

    worker = await startWorker();
    const op = await waitFor(async () => ((await status(id)).status === 'succeeded' ? status(id) : undefined));
    expect(uon.calls).toHaveLength(0);
    expect(envybox.leads).toHaveLength(1);
    expect(op.attempts).toBe(2);
    expect(op.steps.map((s) => [s.key, s.attempt])).toEqual([
      ['fetch_request', 1],
      ['fields', 1],
      ['lead', 1],
      ['create_lead', 1],
    ]);
  });

  it('sends again a write that was on its way when its worker died, with the same Idempotency-Key, and shows the cut-off try', async () => {
    const id = await send('61');
    await queue.obliterate({ force: true });
    const fetched: StepResult = {
      actionId: 'a1-fetch',
      key: 'fetch_request',
      type: 'http_request',
      name: 'Получить заявку из U-ON',
      status: 'succeeded',
      input: { method: 'GET', url: `${uon.url}/••••••/request/61.json` },
      output: { status: 200, headers: {}, body: { request: [uon.requests.get('61')] } },
      startedAt: new Date().toISOString(),
      durationMs: 12,
      attempt: 1,
    };
    // The worker recorded that the lead was on its way to Envybox, then died before the answer.
    const createLead = processing.actions.find((a) => a.key === 'create_lead')!;
    const inFlight = { actionId: createLead.id, attempt: 1, startedAt: new Date(Date.now() - 2_000).toISOString() };
    await sql(
      `UPDATE operation SET status = 'running', attempts = 1, started_at = now(), lease_until = now() - interval '1 second',
         steps = $2, step_in_flight = $3 WHERE id = $1`,
      [id, JSON.stringify([fetched]), JSON.stringify(inFlight)],
    );

    worker = await startWorker();
    const op = await finished(id);
    expect(op.status).toBe('succeeded');
    expect(uon.calls).toHaveLength(0);
    expect(envybox.leads).toHaveLength(1);
    expect(envybox.leads[0]?.idempotencyKey).toBe(idempotencyKeyFor(id, createLead.id));
    const step = op.steps.find((s) => s.key === 'create_lead')!;
    expect(step.attempt).toBe(2);
    expect(step.previousAttempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.objectContaining({ code: 'interrupted' }) })]);
    const [row] = await sql<{ step_in_flight: unknown }>(`SELECT step_in_flight FROM operation WHERE id = $1`, [id]);
    expect(row?.step_in_flight).toBeNull();
  });

  it('keeps a write’s answer through a database outage and records it when the database is back: one lead, no second run', async () => {
    const proxy = await databaseProxy();
    try {
      worker = await startWorker({ DATABASE_URL: proxy.via(testConfig().DATABASE_URL) });
      let restoredAt = 0;
      // PostgreSQL goes away while Envybox is creating the lead; it is back 4 s later.
      envybox.delayMs = 300;
      envybox.onRequest = () => {
        proxy.cut();
        setTimeout(() => {
          proxy.restore();
          restoredAt = Date.now();
        }, 4_000);
      };
      const id = await send('61');
      const op = await finished(id, 30_000);
      envybox.onRequest = undefined;
      envybox.delayMs = 0;

      expect(op.status).toBe('succeeded');
      expect(envybox.leads).toHaveLength(1);
      expect(op.attempts).toBe(1);
      expect(op.steps.map((s) => [s.key, s.attempt])).toEqual([
        ['fetch_request', 1],
        ['fields', 1],
        ['lead', 1],
        ['create_lead', 1],
      ]);
      const after = (Date.parse(op.finishedAt ?? '') - restoredAt) / 1000;
      process.stdout.write(`database outage during a write: 1 lead, 0 duplicates; result recorded ${after.toFixed(1)} s after the database came back\n`);
    } finally {
      await proxy.stop();
    }
  });

  it('runs operations that could not start while the database was down within seconds of its return, using no attempt', async () => {
    const proxy = await databaseProxy();
    try {
      worker = await startWorker({ DATABASE_URL: proxy.via(testConfig().DATABASE_URL) });
      proxy.cut();
      // The API stores them (its own connection is fine); the worker cannot claim them.
      const ids = [await send('61'), await send('61'), await send('61')];
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect((await Promise.all(ids.map(status))).map((op) => op.status)).toEqual(['queued', 'queued', 'queued']);
      proxy.restore();
      const restoredAt = Date.now();
      const ops = await Promise.all(ids.map((id) => finished(id, 30_000)));

      expect(ops.map((op) => [op.status, op.attempts])).toEqual([
        ['succeeded', 1],
        ['succeeded', 1],
        ['succeeded', 1],
      ]);
      expect(envybox.leads).toHaveLength(3);
      const last = Math.max(...ops.map((op) => Date.parse(op.finishedAt ?? '')));
      process.stdout.write(`database outage before start: 3 operations resumed, all done ${((last - restoredAt) / 1000).toFixed(1)} s after the database came back\n`);
    } finally {
      await proxy.stop();
    }
  });

  it('does not run a queued event whose processing was stopped before a worker took it: it is held', async () => {
    const id = await send('61');
    await api(session, 'POST', `/api/processings/${processing.id}/stop`);
    worker = await startWorker();
    await waitFor(async () => (await status(id)).status === 'held');
    expect(uon.calls).toHaveLength(0);
  });

  it('validates the definition again in the worker and fails the operation plainly when it is invalid', async () => {
    const id = await send('61');
    // A row written by an older Provod, or by hand: the worker must not trust it blindly.
    await sql(`UPDATE processing_version SET actions = '[{"id":"x","key":"k","type":"teleport","name":"?","settings":{}}]' WHERE processing_id = $1`, [
      processing.id,
    ]);
    worker = await startWorker();
    const op = await waitFor(async () => ((await status(id)).status === 'failed' ? status(id) : undefined));
    expect(op.error).toMatchObject({ step: 'definition', code: 'invalid_definition', message: expect.stringContaining('not valid') });
    expect(uon.calls).toHaveLength(0);
  });
});
