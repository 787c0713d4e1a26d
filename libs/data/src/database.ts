import { MIGRATIONS } from '@provod/migrations';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** Migrations are the schema: nothing is ever synchronised from code. */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // No JIT: Provod's statements are short, and compiling one (past jit_above_cost, as the history
    // chart's estimate goes on a long history) took longer than running it: 400 ms instead of 66.
    extra: { max: poolSize, connectionTimeoutMillis: 5_000, options: '-c jit=off' },
    logging: false,
  });
}

/**
 * Any key works as long as every Provod process uses the same one: the API, the worker and
 * `npm run migrate` may all start at once after an upgrade.
 */
export const MIGRATION_LOCK_KEY = 7_220_411_640_300;

/**
 * Applies pending migrations. A session-level advisory lock, held on a connection of its own for the
 * whole run, makes concurrent callers wait for each other: the second finds the schema up to date
 * instead of racing to create the same tables.
 */
export async function runMigrations(url: string, migrations = MIGRATIONS): Promise<string[]> {
  const lock = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const dataSource = createDataSource(url, 1);
    dataSource.setOptions({ migrations });
    await dataSource.initialize();
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((m) => m.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    // Closing the session releases the lock even if the unlock itself cannot be sent.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}
