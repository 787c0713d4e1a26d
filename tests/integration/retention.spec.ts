import type { ProcessingView, WorkspaceSettings } from '@provod/contracts';
import { createDataSource, RetentionRepository } from '@provod/data';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../apps/worker/src/logger';
import { RetentionService } from '../../apps/worker/src/retention/retention.service';
import { resetState, sql, startApi, testConfig, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';

const step = { id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template: '{"ok": true}' } };

describe('history retention', () => {
  let api: RunningApi;
  let db: DataSource | undefined;
  let owner: Session;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    await resetState();
    owner = await signUp(api.url);
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    // resetState keeps the first workspace: the specs after this one expect its defaults.
    await sql(`UPDATE workspace SET history_retention_days = 30, failed_retention_days = NULL`);
  });

  const settingsPath = '/api/workspace/settings';

  it('keeps 30 days by default; the owner changes it, a member may only read it, and nonsense is refused', async () => {
    expect((await agent(owner).get(settingsPath).expect(200)).body).toEqual({ historyRetentionDays: 30, failedRetentionDays: null });
    const saved = await agent(owner).put(settingsPath).send({ historyRetentionDays: 14, failedRetentionDays: 90 }).expect(200);
    expect(saved.body).toEqual({ historyRetentionDays: 14, failedRetentionDays: 90 });
    expect((await agent(owner).get(settingsPath).expect(200)).body).toEqual(saved.body);

    const shorter = await agent(owner).put(settingsPath).send({ historyRetentionDays: 30, failedRetentionDays: 7 }).expect(400);
    expect(shorter.body.issues).toEqual([{ path: 'failedRetentionDays', message: 'failed operations are kept at least as long as the others' }]);
    await agent(owner).put(settingsPath).send({ historyRetentionDays: 0, failedRetentionDays: null }).expect(400);
    await agent(owner).put(settingsPath).send({ historyRetentionDays: 30 }).expect(400);

    const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'member@example.com' }).expect(201)).body;
    const member = await signUp(api.url, 'member@example.com', { inviteToken: new URL(inviteUrl).searchParams.get('invite')! });
    expect((await agent(member).get(settingsPath).expect(200)).body).toEqual(saved.body);
    await agent(member).put(settingsPath).send({ historyRetentionDays: 1, failedRetentionDays: null }).expect(403);
    expect((await agent(owner).get(settingsPath).expect(200)).body).toEqual(saved.body);
  });

  it('deletes finished history past the retention in batches, keeps failed ones longer, and never touches unfinished or held events', async () => {
    await agent(owner).put(settingsPath).send({ historyRetentionDays: 10, failedRetentionDays: 40 } satisfies WorkspaceSettings).expect(200);
    const p = (await agent(owner).post('/api/processings').send({ name: 'kept', actions: [step] }).expect(201)).body as ProcessingView;
    const ages = [1, 5, 11, 20, 35, 45, 400];
    const statuses = ['succeeded', 'filtered', 'failed', 'discarded', 'duplicate', 'held', 'queued', 'retrying'];
    await sql(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, received_at, finished_at)
       SELECT $1, $2, 1, s, '{}', now() - make_interval(days => a) - make_interval(secs => n), now() - make_interval(days => a)
       FROM unnest($3::int[]) AS a, unnest($4::text[]) AS s, generate_series(1, 5) AS n`,
      [p.workspaceId, p.id, ages, statuses],
    );
    // Links to pruned operations become empty, the linking operations stay.
    const [replay] = await sql<{ id: string }>(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, replay_of, duplicate_of)
       SELECT workspace_id, processing_id, 1, 'queued', '{}', id, id FROM operation
       WHERE status = 'succeeded' AND received_at < now() - interval '300 days' LIMIT 1 RETURNING id`,
    );

    // The pass alone, without the rest of a worker: its reconciler would run the old queued events.
    db = await createDataSource(testConfig().DATABASE_URL, 2).initialize();
    const sut = new RetentionService(
      testConfig({ RETENTION_BATCH_SIZE: '7', RETENTION_PAUSE_MS: '0' }),
      new RetentionRepository(db),
      createLogger('silent'),
    );
    const deleted = await sut.pruneOnce();

    const left = await sql<{ status: string; days: number; n: number }>(
      `SELECT status, floor(EXTRACT(EPOCH FROM now() - received_at) / 86400)::int AS days, count(*)::int AS n
       FROM operation WHERE id <> $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [replay!.id],
    );
    const kept = (status: string) => left.filter((r) => r.status === status).map((r) => r.days);
    for (const status of ['succeeded', 'filtered', 'discarded', 'duplicate']) expect(kept(status)).toEqual([1, 5]);
    expect(kept('failed')).toEqual([1, 5, 11, 20, 35]);
    for (const status of ['held', 'queued', 'retrying']) expect(kept(status)).toEqual(ages);
    expect(left.every((r) => r.n === 5)).toBe(true);
    // 4 statuses × 5 ages × 5 rows, plus failed at 45 and 400 days × 5.
    expect(deleted).toBe(4 * 5 * 5 + 2 * 5);
    const [link] = await sql<{ replay_of: string | null; duplicate_of: string | null }>(`SELECT replay_of, duplicate_of FROM operation WHERE id = $1`, [replay!.id]);
    expect(link).toEqual({ replay_of: null, duplicate_of: null });

    // A second pass finds nothing more to do.
    expect(await sut.pruneOnce()).toBe(0);
  });
});
