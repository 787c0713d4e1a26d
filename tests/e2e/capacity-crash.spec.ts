import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { OperationStatus } from '@provod/contracts';
import { processingTo, sendEvent } from '../support/capacity-flow';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { RecordingDestination } from '../support/recording-destination';
import { signUp } from '../support/session';

const root = join(__dirname, '../..');

/** Short leases, so a killed worker's slots and jobs come back within the test. */
const fastRecovery = { JOB_LOCK_MS: '2000', JOB_STALLED_CHECK_MS: '500', OPERATION_LEASE_MS: '3000', RECONCILE_INTERVAL_MS: '1000' };

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
      ...fastRecovery,
    },
  });
}

describe('capacity slots of a worker killed with -9', () => {
  let platform: RunningApi;
  let destination: RecordingDestination;
  let killed: ChildProcess | undefined;
  let survivor: RunningWorker | undefined;

  beforeAll(async () => {
    const build = spawnSync('npx', ['tsc', '-b', 'apps/worker/tsconfig.app.json'], { cwd: root, stdio: 'inherit' });
    expect(build.status).toBe(0);
    platform = await startApi();
    destination = await new RecordingDestination().start();
  });
  afterAll(async () => {
    killed?.kill('SIGKILL');
    await survivor?.close();
    await destination.stop();
    await platform.close();
  });

  it('come back by themselves: the waiting events run on the other worker, none lost, only the in-flight ones sent again', async () => {
    await resetState();
    const session = await signUp(platform.url);
    const limit = 2;
    const processing = await processingTo(session, 'Slow CRM', destination, limit);
    destination.delayMs = 600_000;
    killed = startWorkerProcess();
    const exited = new Promise((resolve) => killed!.on('exit', resolve));

    const events = 8;
    for (let n = 0; n < events; n++) await sendEvent(platform.url, processing, n);
    await waitFor(async () => destination.inFlight === limit, 20_000, 'the first worker to fill the limit');
    const inFlightAtKill = new Set(destination.arrivals.map((a) => a.n));
    const killedAt = Date.now();
    killed.kill('SIGKILL');
    await exited;

    // The destination recovers; the other worker has no slot of its own until the dead one's leases run out.
    destination.delayMs = 0;
    survivor = await startWorker(fastRecovery);
    await waitFor(async () => destination.counts().size === events, 30_000, 'every event to be delivered');
    const firstNewAt = destination.arrivals.find((a) => !inFlightAtKill.has(a.n))?.at ?? NaN;
    await waitFor(
      async () => (await sql<{ status: OperationStatus }>(`SELECT status FROM operation WHERE status <> 'succeeded'`)).length === 0,
      20_000,
      'every operation to be recorded as succeeded',
    );
    process.stdout.write(
      `capacity after kill -9: ${inFlightAtKill.size} requests were in flight; the first waiting event went out ` +
        `${((firstNewAt - killedAt) / 1000).toFixed(1)} s after the kill (slot lease 2 s); ` +
        `at most ${destination.maxInFlight} in flight at once\n`,
    );

    expect(inFlightAtKill.size).toBe(limit);
    const counts = destination.counts();
    // Only a request in flight at the instant of the kill may arrive twice.
    const repeated = [...counts].filter(([, c]) => c > 1).map(([n]) => n);
    expect(repeated.filter((n) => !inFlightAtKill.has(n))).toEqual([]);
    expect([...counts.values()].every((c) => c <= 2)).toBe(true);
    // The dead worker's slots were handed on, not added to: the limit held throughout.
    expect(destination.maxInFlight).toBeLessThanOrEqual(limit);
  }, 120_000);
});
