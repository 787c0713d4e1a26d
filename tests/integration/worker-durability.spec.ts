import type { OperationDetail, ProcessingView, StepResult } from '@provod/contracts';
import { QueueName } from '@provod/data';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
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
