import type { OperationDetail, OperationPage } from '@provod/contracts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../support/flows';
import { startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { startSession, type Session } from '../support/session';
import { sideDatabase } from '../support/side-database';
import { UonFlowHarness } from '../support/uon-flow';

/**
 * `npm run backup` then `npm run restore` into an empty database: the restored installation has
 * its accounts, processings and history, and its secrets still decrypt, so a new event runs.
 */
const root = join(__dirname, '../..');

function script(name: string, args: string[], env: Record<string, string>): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [join(root, 'scripts', name), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

describe('backup and restore', () => {
  const flow = new UonFlowHarness();
  const restored = sideDatabase('restored');
  const restoredUrl = restored.url;
  let restoredApi: RunningApi | undefined;
  let restoredWorker: RunningWorker | undefined;

  beforeAll(async () => {
    await flow.start();
    await restored.create();
  });
  afterAll(async () => {
    await restoredWorker?.close();
    await restoredApi?.close();
    await flow.stop();
    await restored.drop();
  });

  it('restores into a fresh database that runs the processing with its secrets', async () => {
    await flow.reset();
    await flow.startWorker();
    const before = await flow.finished((await flow.send('r_id=61')).operationId);
    expect(before.status).toBe('succeeded');
    const me = (await api<{ user: { email: string } }>(flow.session, 'GET', '/api/auth/me')).body;
    await flow.worker?.close();
    flow.worker = undefined;

    const folder = mkdtempSync(join(tmpdir(), 'provod-backup-'));
    const env = { DATABASE_URL: testConfig().DATABASE_URL, PROVOD_SECRET_KEY: 'test-key' };
    const backup = script('backup.mjs', [folder], env);
    expect(backup.out).toContain('backup written');
    expect(backup.status).toBe(0);
    const dump = readdirSync(folder).find((f) => f.endsWith('.dump'))!;
    const meta = JSON.parse(readFileSync(join(folder, `${dump}.json`), 'utf8')) as { secretKeyFingerprint: string; note: string };
    expect(meta.secretKeyFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(meta.note).toContain('PROVOD_SECRET_KEY');
    // The key itself never goes into the backup's note.
    expect(JSON.stringify(meta)).not.toContain('test-key');

    const restore = script('restore.mjs', [join(folder, dump)], { DATABASE_URL: restoredUrl, PROVOD_SECRET_KEY: 'test-key' });
    expect(restore.out).toContain('restored');
    expect(restore.status).toBe(0);

    // The restored installation on its own queue prefix, so no job of the original can reach it.
    const isolated = { DATABASE_URL: restoredUrl, QUEUE_PREFIX: `${testConfig().QUEUE_PREFIX}-restored` };
    restoredApi = await startApi(isolated);
    restoredWorker = await startWorker(isolated);
    const owner: Session = await startSession(restoredApi.url, '/api/auth/login', { email: me.user.email, password: 'correct horse battery' });
    const history = await api<OperationPage>(owner, 'GET', `/api/processings/${flow.processing.id}/operations`);
    expect(history.body.items.map((o) => o.id)).toEqual([before.id]);

    const leadsBefore = flow.envybox.leads.length;
    const res = await fetch(`${restoredApi.url}/hooks/${flow.processing.webhookToken}?r_id=61`);
    expect(res.status).toBe(200);
    const { operationId } = (await res.json()) as { operationId: string };
    const after = await waitFor(async () => {
      const op = (await api<OperationDetail>(owner, 'GET', `/api/operations/${operationId}`)).body;
      return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
    }, 20_000);
    expect(after.error).toBeNull();
    expect(after.status).toBe('succeeded');
    expect(flow.envybox.leads.length).toBe(leadsBefore + 1);
  });

  it('warns when the key set now is not the one the backup was made with', () => {
    const folder = mkdtempSync(join(tmpdir(), 'provod-backup-'));
    expect(script('backup.mjs', [folder], { DATABASE_URL: testConfig().DATABASE_URL, PROVOD_SECRET_KEY: 'test-key' }).status).toBe(0);
    const dump = readdirSync(folder).find((f) => f.endsWith('.dump'))!;
    const restore = script('restore.mjs', [join(folder, dump)], { DATABASE_URL: restoredUrl, PROVOD_SECRET_KEY: 'another-key' });
    expect(restore.out).toContain('different PROVOD_SECRET_KEY');
  });
});
