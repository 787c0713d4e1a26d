import { createDataSource, runMigrations } from '@provod/data';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { emptyDatabase } from './database-reset';

export interface RepositoryDatabase {
  /** The run's database, migrated, through TypeORM as the repositories use it. */
  readonly db: DataSource;
  /** Plain SQL beside the repository under test: to arrange rows and to read what it wrote. */
  sql<T = Record<string, unknown>>(text: string, args?: unknown[]): Promise<T[]>;
}

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the repository tier runs with tests/support/global-setup.ts');
  return url;
}

/**
 * For a repository spec: the real migrations on this run's fresh database (global-setup creates it),
 * one DataSource per file, and every table emptied before each test. Call it at the top of a
 * `describe`; the hooks it registers close both connections after the file.
 */
export function useRepositoryDatabase(): RepositoryDatabase {
  let dataSource: DataSource | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    await runMigrations(databaseUrl());
    dataSource = createDataSource(databaseUrl(), 4);
    await dataSource.initialize();
    client = new Client({ connectionString: databaseUrl() });
    await client.connect();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await client?.end();
  });
  beforeEach(async () => {
    await emptyDatabase(client as Client);
  });
  return {
    get db() {
      if (!dataSource) throw new Error('the database is opened in beforeAll');
      return dataSource;
    },
    async sql<T>(text: string, args: unknown[] = []) {
      if (!client) throw new Error('the database is opened in beforeAll');
      return (await client.query(text, args)).rows as T[];
    },
  };
}
