// Shared by `npm run backup` and `npm run restore`: which database, which pg_dump, and the key check.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

export const log = (message) => process.stdout.write(`[provod] ${message}\n`);

/** The database Provod uses when nothing is configured (see scripts/services.mjs). */
export function databaseUrl() {
  return process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:${process.env.LOCAL_POSTGRES_PORT ?? 5432}/provod`;
}

/**
 * Which PROVOD_SECRET_KEY a backup's secrets are encrypted with, without revealing it: a short
 * fingerprint, so a restore can tell the operator before the first event fails to decrypt.
 */
export function keyFingerprint(env = process.env) {
  const key = env.PROVOD_SECRET_KEY ?? (env.NODE_ENV === 'production' ? null : 'provod-development-key-do-not-use-in-production');
  return key ? createHash('sha256').update(`provod-backup:${key}`).digest('hex').slice(0, 16) : null;
}

/** Runs a PostgreSQL client tool; its errors are the operator's best clue, so they are shown as they are. */
export function run(tool, args) {
  const result = spawnSync(process.env[`PROVOD_${tool.toUpperCase().replace('-', '_')}`] ?? tool, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  if (result.error?.code === 'ENOENT') {
    throw new Error(`${tool} is not installed. Debian/Ubuntu: sudo apt-get install -y postgresql-client; macOS: brew install libpq`);
  }
  if (result.status !== 0) {
    const hint = /server version mismatch|aborting because of server version/.test(result.stderr)
      ? `\n${tool} must be at least as new as the server: install the client of the server's major version (e.g. postgresql-client-18).`
      : '';
    throw new Error(`${tool} failed: ${result.stderr.trim()}${hint}`);
  }
  return result;
}
