import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { testConfig, waitFor } from '../support/platform';
import { UonFlowHarness } from '../support/uon-flow';

const root = join(__dirname, '../..');

/** The worker as production runs it: its own process, built from the sources under test. */
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
      // Short, so a dead worker's job and lease come back within the test.
      JOB_LOCK_MS: '2000',
      OPERATION_LEASE_MS: '2000',
      RECONCILE_INTERVAL_MS: '500',
    },
  });
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

  it('redelivers the job, does not re-run the finished steps, and loses nothing', async () => {
    await flow.reset();
    const first = startWorkerProcess();
    workers.push(first);
    const exited = new Promise((resolve) => first.on('exit', resolve));
    // Envybox takes its time; the worker dies while waiting for its answer.
    flow.envybox.delayMs = 5_000;
    flow.envybox.onRequest = () => first.kill('SIGKILL');

    const { operationId } = await flow.send('r_id=61');
    await exited;
    expect((await flow.operation(operationId)).status).toBe('running');
    expect(flow.envybox.leads).toHaveLength(0);

    flow.envybox.delayMs = 0;
    flow.envybox.onRequest = undefined;
    workers.push(startWorkerProcess());
    const op = await waitFor(
      async () => {
        const current = await flow.operation(operationId);
        return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
      },
      30_000,
      'the operation to finish on the second worker',
    );

    expect(op.status).toBe('succeeded');
    expect(op.attempts).toBe(2);
    expect(flow.uon.calls).toHaveLength(1);
    expect(op.steps[0]).toMatchObject({ key: 'fetch_request', attempt: 1 });
    expect(flow.envybox.leads).toHaveLength(1);
  });
});
