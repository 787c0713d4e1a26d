import { Client } from 'pg';

/**
 * A database beside the run's own, for tests that need a second installation (an upgrade, a
 * restore). Named after the run's database so the run's teardown pattern stays recognisable.
 */
const admin = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function asAdmin(sql: string): Promise<void> {
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface SideDatabase {
  url: string;
  create(): Promise<void>;
  drop(): Promise<void>;
}

export function sideDatabase(suffix: string): SideDatabase {
  const name = `${process.env.TEST_DATABASE_NAME}_${suffix}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: () => asAdmin(`CREATE DATABASE ${name}`),
    drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
