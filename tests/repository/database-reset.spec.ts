import { FIRST_WORKSPACE_ID } from '@provod/data';
import { Client } from 'pg';
import { emptyDatabase, KEPT_TABLES, tablesToEmpty } from '../support/database-reset';
import { useRepositoryDatabase } from '../support/repository-database';
import { member, operation, processing, user, workspace } from './fixtures';

/** The reset every tier runs between tests: derived from the migrated schema, so it cannot fall behind it. */
describe('emptying the database between tests', () => {
  const database = useRepositoryDatabase();
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client.end());

  const rowCounts = async (tables: string[]) => {
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = (await database.sql<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0]!.n;
    return counts;
  };

  it('covers every table of the schema but the kept ones', async () => {
    const all = (await database.sql<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)).map((r) => r.tablename);
    const emptied = await tablesToEmpty(client);
    expect([...emptied, ...KEPT_TABLES].sort()).toEqual([...all].sort());
    expect(emptied).toEqual(expect.arrayContaining(['operation', 'processing', 'app_user', 'alert', 'install_owner', 'password_reset']));
  });

  it('leaves no row a test wrote, and the first workspace as the migrations left it', async () => {
    const ws = await workspace(database.sql);
    const u = await user(database.sql);
    await member(database.sql, ws, u, 'owner');
    await database.sql(`INSERT INTO install_owner (user_id) VALUES ($1)`, [u]);
    await operation(database.sql, await processing(database.sql), { status: 'failed' });
    await database.sql(`UPDATE workspace SET language = 'en', time_zone = 'UTC', history_retention_days = 7, failed_retention_days = 9 WHERE id = $1`, [
      FIRST_WORKSPACE_ID,
    ]);
    const emptied = await tablesToEmpty(client);
    expect(Object.values(await rowCounts(emptied)).some((n) => n > 0)).toBe(true);

    await emptyDatabase(client);
    expect(Object.values(await rowCounts(emptied)).every((n) => n === 0)).toBe(true);
    expect(await database.sql(`SELECT id, name, language, time_zone, history_retention_days, failed_retention_days FROM workspace`)).toEqual([
      { id: FIRST_WORKSPACE_ID, name: 'Моя компания', language: 'ru', time_zone: 'Europe/Moscow', history_retention_days: 30, failed_retention_days: null },
    ]);
    expect((await database.sql<{ n: number }>(`SELECT count(*)::int AS n FROM migrations`))[0]!.n).toBeGreaterThan(0);
  });
});
