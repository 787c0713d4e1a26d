import { createDataSource, ReplaysRepository, runMigrations } from '@provod/data';
import { MIGRATIONS } from '@provod/migrations';
import { Client } from 'pg';
import type { DataSource, QueryRunner } from 'typeorm';
import { sideDatabase } from '../support/side-database';

const DropResumeFromStep = MIGRATIONS.find((m) => m.name === 'DropResumeFromStep1764300000090')!;

/** The never-read `resume_from_step` column goes; replays still carry their succeeded steps. */
describe('migration DropResumeFromStep', () => {
  const side = sideDatabase('drop_resume_from_step');
  let db: Client;
  let source: DataSource;
  const runner = () => ({ query: (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows) }) as unknown as QueryRunner;
  const columns = async () =>
    ((await db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'operation'`)).rows as { column_name: string }[]).map(
      (r) => r.column_name,
    );

  beforeAll(async () => {
    await side.drop();
    await side.create();
    await runMigrations(side.url);
    db = new Client({ connectionString: side.url });
    await db.connect();
    source = createDataSource(side.url, 2);
    await source.initialize();
  });
  afterAll(async () => {
    await source.destroy();
    await db.end();
    await side.drop();
  });

  it('leaves no resume_from_step, and a replay from the failed step still carries the steps that succeeded', async () => {
    expect(await columns()).not.toContain('resume_from_step');
    const [ws] = (await db.query(`SELECT id FROM workspace LIMIT 1`)).rows as { id: string }[];
    const [p] = (
      await db.query(
        `INSERT INTO processing (workspace_id, name, status, webhook_token, source, actions) VALUES ($1, 'p', 'running', 'token-resume', '{}', '[]') RETURNING id`,
        [ws!.id],
      )
    ).rows as { id: string }[];
    const steps = [
      { key: 'a', status: 'succeeded', output: { n: 1 } },
      { key: 'b', status: 'failed' },
    ];
    const [op] = (
      await db.query(
        `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, steps) VALUES ($1, $2, 1, 'failed', '{}', $3) RETURNING id`,
        [ws!.id, p!.id, JSON.stringify(steps)],
      )
    ).rows as { id: string }[];

    const replayId = await new ReplaysRepository(source).replayOne(ws!.id, op!.id, 'failed', 'original');
    const [replay] = (await db.query(`SELECT steps, replay_of, status FROM operation WHERE id = $1`, [replayId])).rows as {
      steps: unknown[];
      replay_of: string;
      status: string;
    }[];
    expect(replay).toEqual({ steps: [steps[0]], replay_of: op!.id, status: 'queued' });
  });

  it('down gives the column back for an older release to write; up takes it away again', async () => {
    await new DropResumeFromStep().down(runner());
    expect(await columns()).toContain('resume_from_step');
    await new DropResumeFromStep().up(runner());
    expect(await columns()).not.toContain('resume_from_step');
  });
});
