import { FIRST_WORKSPACE_ID } from '@provod/data';
import type { Client } from 'pg';

/**
 * Tables that are never emptied between tests: `migrations` says which migrations ran, and
 * `workspace` holds the first workspace the migrations seed (the first owner takes it over), which
 * every installation has. Its other rows are deleted.
 */
export const KEPT_TABLES: readonly string[] = ['migrations', 'workspace'];

/**
 * Every other table of the migrated schema, read from the catalogue: a table a new migration adds
 * is emptied without anyone remembering to list it.
 */
export async function tablesToEmpty(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> ALL($1) ORDER BY tablename`,
    [KEPT_TABLES],
  );
  return rows.map((r) => r.tablename);
}

/**
 * The first workspace's settings a test may change (retention, language, time zone): every column
 * that has a default, or may be null, but its identity. Its name has neither and stays.
 */
export async function firstWorkspaceSettings(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'workspace'
       AND (column_default IS NOT NULL OR is_nullable = 'YES') AND column_name NOT IN ('id', 'created_at')
     ORDER BY ordinal_position`,
  );
  return rows.map((r) => r.column_name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Leaves the database as the migrations left it: every row a test wrote is gone, and the first
 * workspace has its default settings again. No CASCADE: should a kept table ever reference an
 * emptied one, TRUNCATE refuses and says which, instead of quietly emptying the kept one too.
 */
export async function emptyDatabase(db: Client): Promise<void> {
  const tables = await tablesToEmpty(db);
  if (tables.length) await db.query(`TRUNCATE ${tables.map(quote).join(', ')}`);
  await db.query(`DELETE FROM workspace WHERE id <> $1`, [FIRST_WORKSPACE_ID]);
  const settings = await firstWorkspaceSettings(db);
  if (settings.length) await db.query(`UPDATE workspace SET ${settings.map((c) => `${quote(c)} = DEFAULT`).join(', ')} WHERE id = $1`, [FIRST_WORKSPACE_ID]);
}
