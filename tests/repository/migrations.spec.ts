import { createDataSource, runMigrations } from '@provod/data';
import { MIGRATIONS } from '@provod/migrations';
import { Client } from 'pg';
import { sideDatabase } from '../support/side-database';

/** TypeORM's own bookkeeping, which a migration neither creates nor drops. */
const BOOKKEEPING = ['migrations', 'typeorm_metadata'];

/**
 * What a migration may change, read from the catalogue: tables and their columns, constraints,
 * indexes, storage options, sequences, views, functions, triggers and enum types, and the rows a
 * migration seeds (timestamps left out: they differ between two runs of the same `up`).
 */
async function schemaOf(db: Client): Promise<Record<string, unknown>> {
  const q = async (sql: string) => (await db.query(sql, sql.includes('$1') ? [BOOKKEEPING] : [])).rows;
  const tables = (await q(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ALL($1) ORDER BY tablename`)).map(
    (r) => r.tablename as string,
  );
  const seeded: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = (
      await db.query(
        `SELECT to_jsonb(t) - ARRAY(SELECT column_name::text FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = $1 AND data_type LIKE 'timestamp%') AS row
         FROM "${table}" t`,
        [table],
      )
    ).rows.map((r) => JSON.stringify(r.row));
    if (rows.length) seeded[table] = rows.sort();
  }
  return {
    tables,
    // Sorted by name, not position: a down that adds a dropped column back puts it last, which is harmless.
    columns: await q(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> ALL($1)
       ORDER BY table_name, column_name`,
    ),
    constraints: await q(
      `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE n.nspname = current_schema() AND c.conrelid::regclass::text <> ALL($1)
       ORDER BY 1, 2`,
    ),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename <> ALL($1) ORDER BY 1, 2`),
    storage: await q(
      `SELECT c.relname, c.relkind, c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S', 'v', 'm') AND c.relname <> ALL($1) AND c.relname NOT LIKE 'migrations_%'
       ORDER BY 1`,
    ),
    views: await q(`SELECT viewname, definition FROM pg_views WHERE schemaname = current_schema() ORDER BY 1`),
    functions: await q(
      `SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, md5(p.prosrc) AS body FROM pg_proc p
       JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() ORDER BY 1, 2`,
    ),
    triggers: await q(
      `SELECT t.tgname, pg_get_triggerdef(t.oid) AS definition FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY 1`,
    ),
    enums: await q(
      `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = current_schema() GROUP BY 1 ORDER BY 1`,
    ),
    seeded,
  };
}

/** Runs an expectation whose failure should say which migration it is about. */
function naming(what: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    (error as Error).message = `${what}\n\n${(error as Error).message}`;
    throw error;
  }
}

/**
 * Every migration's `down` is run, on a database of its own: all up one at a time, then all down one
 * at a time, each compared with the schema before its `up`, then all up again. A `down` that leaves
 * something behind (an index, a constraint, a seeded value) or cannot run at all fails here, named.
 */
describe('migrations up, down and up again', () => {
  const side = sideDatabase('migrations_roundtrip');
  let db: Client;

  beforeAll(async () => {
    await side.drop();
    await side.create();
    db = new Client({ connectionString: side.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await side.drop();
  });

  it('each down undoes its up, and the schema built again is the same', async () => {
    const before: Array<Record<string, unknown>> = [await schemaOf(db)];
    for (let i = 0; i < MIGRATIONS.length; i += 1) {
      expect(await runMigrations(side.url, MIGRATIONS.slice(0, i + 1))).toEqual([MIGRATIONS[i]!.name]);
      before.push(await schemaOf(db));
    }
    const built = before[MIGRATIONS.length]!;
    expect(built.tables).toEqual(expect.arrayContaining(['operation', 'processing', 'workspace']));

    const dataSource = createDataSource(side.url, 1);
    await dataSource.initialize();
    try {
      for (let i = MIGRATIONS.length - 1; i >= 0; i -= 1) {
        await dataSource.undoLastMigration({ transaction: 'each' });
        const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM migrations`)).rows as [{ n: number }];
        naming(`${MIGRATIONS[i]!.name} is still recorded as run`, () => expect(n).toBe(i));
        const after = await schemaOf(db);
        naming(`${MIGRATIONS[i]!.name}.down left the schema unlike before its up`, () => expect(after).toEqual(before[i]));
      }
    } finally {
      await dataSource.destroy();
    }

    expect(await runMigrations(side.url)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await schemaOf(db)).toEqual(built);
  });
});
