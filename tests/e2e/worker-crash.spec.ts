import { idempotencyKeyFor } from '@provod/actions';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/flows';
import { testConfig, waitFor } from '../support/platform';
import { UonFlowHarness } from '../support/uon-flow';

const root = join(__dirname, '../..');

/**
 * The worker as production runs it: its own process, built from the sources under test, with the
 * production lock (30 s), stalled-job check (10 s) and lease (300 s), so the figure printed is the
 * recovery an operator would see.
 */
function startWorkerProcess(): ChildProcess {
  const config = testConfig();
  return spawn(process.execPath, ['apps/worker/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      PROVOD_SECRET_KEY: 'test-key',
      OUTBOUND_ALLOWLIST: '127.0.0.0/8',
      LOG_LEVEL: 'silent',
    },
  });
}

interface Health {
  workers: { alive: number; gone: string[] } | null;
}

describe('kill -9 of a worker in the middle of an action', () => {
  const flow = new UonFlowHarness();
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    const build = spawnSync('npx', ['tsc', '-b', 'apps/worker/tsconfig.app.json'], { cwd: root, stdio: 'inherit' });
    expect(build.status).toBe(0);
    await flow.start();
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await flow.stop();
  });

  it('hands the job to another worker within the lock and the stalled check, re-sends only the write in flight with its key, and loses nothing', async () => {
    await flow.reset();
    const first = startWorkerProcess();
    workers.push(first);
    const exited = new Promise((resolve) => first.on('exit', resolve));
    // Envybox takes its time; the worker dies while waiting for its answer.
    let killedAt = 0;
    flow.envybox.delayMs = 5_000;
    flow.envybox.onRequest = () => {
      killedAt = Date.now();
      first.kill('SIGKILL');
    };
    const firstId = `${hostname()}:${first.pid}`;

    const { operationId } = await flow.send('r_id=61');
    await exited;
    expect((await flow.operation(operationId)).status).toBe('running');
    expect(flow.envybox.leads).toHaveLength(0);

    // A second worker is running when the first dies, as in a deployment with two.
    let resentAt = 0;
    flow.envybox.delayMs = 0;
    flow.envybox.onRequest = () => (resentAt ||= Date.now());
    workers.push(startWorkerProcess());

    const gone = await waitFor(
      async () => ((await api<Health>(flow.platform.url, 'GET', '/api/health')).body.workers?.gone.includes(firstId) ? Date.now() : undefined),
      30_000,
      'health to report the killed worker as gone',
    );
    const op = await flow.finished(operationId, 90_000);
    process.stdout.write(
      `kill -9 mid-write: job picked up by the other worker ${((resentAt - killedAt) / 1000).toFixed(1)} s after the kill ` +
        `(lock 30 s, stalled check 10 s); health reported the dead worker gone after ${((gone - killedAt) / 1000).toFixed(1)} s\n`,
    );

    expect(op.status).toBe('succeeded');
    expect(op.attempts).toBe(2);
    expect(flow.uon.calls).toHaveLength(1);
    expect(op.steps[0]).toMatchObject({ key: 'fetch_request', attempt: 1 });
    const lead = op.steps.find((s) => s.key === 'create_lead')!;
    expect(lead.attempt).toBe(2);
    expect(lead.previousAttempts?.[0]?.error.code).toBe('interrupted');
    expect(flow.envybox.leads).toHaveLength(1);
    expect(flow.envybox.leads[0]?.idempotencyKey).toBe(idempotencyKeyFor(operationId, lead.actionId));
  }, 150_000);
});
