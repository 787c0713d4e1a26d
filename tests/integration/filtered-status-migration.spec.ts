import { runMigrations } from '@provod/data';
import { MIGRATIONS } from '@provod/migrations';
import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { sideDatabase } from '../support/side-database';

const FilteredStatus = MIGRATIONS.find((m) => m.name === 'FilteredStatus1764300000080')!;

/** The `filtered` status migration, up and down, on a database of its own. */
describe('migration FilteredStatus', () => {
  const side = sideDatabase('filtered_status');
  let db: Client;
  // The migration's own SQL, run through a real connection.
  const runner = () => ({ query: (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows) }) as unknown as QueryRunner;

  beforeAll(async () => {
    await side.drop();
    await side.create();
    await runMigrations(side.url);
    db = new Client({ connectionString: side.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await side.drop();
  });

  const insertOperation = async (status: string) => {
    const [ws] = (await db.query(`SELECT id FROM workspace LIMIT 1`)).rows as { id: string }[];
    const [p] = (
      await db.query(
        `INSERT INTO processing (workspace_id, name, status, webhook_token, source, actions) VALUES ($1, 'p', 'running', $2, '{}', '[]') RETURNING id`,
        [ws!.id, `token-${status}-${Date.now()}`],
      )
    ).rows as { id: string }[];
    const [op] = (
      await db.query(`INSERT INTO operation (workspace_id, processing_id, processing_version, status, request) VALUES ($1, $2, 1, $3, '{}') RETURNING id`, [ws!.id, p!.id, status])
    ).rows as { id: string }[];
    return op!.id;
  };

  it('accepts filtered operations; down keeps them as discarded and refuses the status again; up takes it back', async () => {
    const id = await insertOperation('filtered');
    await new FilteredStatus().down(runner());
    const [row] = (await db.query(`SELECT status FROM operation WHERE id = $1`, [id])).rows as { status: string }[];
    expect(row?.status).toBe('discarded');
    await expect(insertOperation('filtered')).rejects.toThrow(/operation_status_check/);

    await new FilteredStatus().up(runner());
    expect(await insertOperation('filtered')).toEqual(expect.any(String));
    await expect(insertOperation('nonsense')).rejects.toThrow(/operation_status_check/);
  });
});
