import { MIGRATIONS } from '@provod/migrations';
import { runMigrations } from '@provod/data';
import { hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { startApi, type RunningApi } from '../support/platform';
import { agent, startSession } from '../support/session';
import { sideDatabase } from '../support/side-database';

/**
 * An installation of the previous release upgraded in place: its schema is built by the migrations
 * that release shipped, filled with history the way it wrote it, then migrated to this release.
 * The API must read the old history as it was, and concurrent upgraders must not race.
 */

// The migrations of release 0.1 (the first published schema), by name: a renamed or reordered
// one would break every installation that has already run them.
const PREVIOUS_RELEASE = ['InitialSchema1764300000000', 'FailureHandling1764300000001', 'Accounts1764300000002', 'Alerts1764300000003'];

describe('upgrading an installation of the previous release', () => {
  const side = sideDatabase('upgrade');
  const url = side.url;
  let api: RunningApi | undefined;

  beforeAll(() => side.create());
  afterAll(async () => {
    await api?.close();
    await side.drop();
  });

  it('keeps the previous release migrations first and in order', () => {
    expect(MIGRATIONS.slice(0, PREVIOUS_RELEASE.length).map((m) => m.name)).toEqual(PREVIOUS_RELEASE);
  });

  it('migrates old history in place, and two upgraders at once apply each migration once', async () => {
    const previous = MIGRATIONS.slice(0, PREVIOUS_RELEASE.length);
    expect(await runMigrations(url, previous)).toEqual(PREVIOUS_RELEASE);

    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const [ws] = (await db.query(`INSERT INTO workspace (name) VALUES ('Агентство') RETURNING id`)).rows as { id: string }[];
      const [user] = (
        await db.query(`INSERT INTO app_user (email, name, password_hash) VALUES ('owner@example.com', 'Owner', $1) RETURNING id`, [
          await hash('an old but strong passphrase'),
        ])
      ).rows as { id: string }[];
      await db.query(`INSERT INTO workspace_member (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`, [ws!.id, user!.id]);
      const source = { type: 'webhook', methods: ['GET', 'POST'], parameters: [{ name: 'r_id' }], dedup: null };
      const actions = [
        {
          id: '3f1c2a52-8a0e-4a55-9b8e-1d7f0f6b2a10',
          key: 'fields',
          type: 'json_parser',
          name: 'Разобрать',
          settings: { input: '{{event.body}}', fields: [{ name: 'id', path: 'id' }] },
        },
      ];
      const [proc] = (
        await db.query(
          `INSERT INTO processing (workspace_id, name, status, webhook_token, source, actions) VALUES ($1, 'U-ON', 'running', 'old-token-0123456789abcdef', $2, $3) RETURNING id`,
          [ws!.id, JSON.stringify(source), JSON.stringify(actions)],
        )
      ).rows as { id: string }[];
      await db.query(`INSERT INTO processing_version (processing_id, version, workspace_id, source, actions) VALUES ($1, 1, $2, $3, $4)`, [
        proc!.id,
        ws!.id,
        JSON.stringify(source),
        JSON.stringify(actions),
      ]);
      const request = { method: 'GET', query: { r_id: '61' }, headers: {}, body: null };
      const steps = [{ actionId: actions[0]!.id, key: 'fields', type: 'json_parser', name: 'Разобрать', status: 'succeeded', attempt: 1, input: {}, output: { id: 61 }, startedAt: '2026-11-20T10:00:00.000Z', durationMs: 2 }];
      await db.query(
        `INSERT INTO operation (workspace_id, processing_id, processing_version, status, received_at, started_at, finished_at, attempts, request, params, steps)
         VALUES ($1, $2, 1, 'succeeded', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:01Z', 1, $3, '{"r_id":"61"}', $4),
                ($1, $2, 1, 'failed', '2026-11-20T11:00:00Z', '2026-11-20T11:00:00Z', '2026-11-20T11:00:01Z', 1, $3, '{"r_id":"62"}', '[]')`,
        [ws!.id, proc!.id, JSON.stringify(request), JSON.stringify(steps)],
      );
    } finally {
      await db.end();
    }

    // Two processes starting after the upgrade (say the API and the worker) both migrate.
    const newer = MIGRATIONS.slice(PREVIOUS_RELEASE.length).map((m) => m.name);
    const [first, second] = await Promise.all([runMigrations(url), runMigrations(url)]);
    expect([...first!, ...second!].sort()).toEqual([...newer].sort());

    api = await startApi({ DATABASE_URL: url });
    const owner = await startSession(api.url, '/api/auth/login', { email: 'owner@example.com', password: 'an old but strong passphrase' });
    const list = await agent(owner).get('/api/processings').expect(200);
    const processing = (list.body as { id: string; name: string }[]).find((p) => p.name === 'U-ON');
    expect(processing).toBeDefined();
    const history = await agent(owner).get(`/api/processings/${processing!.id}/operations`).expect(200);
    const items = history.body.items as { id: string; status: string; params: Record<string, unknown> }[];
    expect(items.map((o) => [o.status, o.params.r_id])).toEqual([
      ['failed', '62'],
      ['succeeded', '61'],
    ]);
    const detail = await agent(owner).get(`/api/operations/${items[1]!.id}`).expect(200);
    expect(detail.body.steps[0].output).toEqual({ id: 61 });
  });
});
