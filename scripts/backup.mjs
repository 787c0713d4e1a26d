// `npm run backup [-- <folder>]`: a consistent dump of Provod's database (pg_dump runs in one
// snapshot, so history, processings and secrets agree with each other), plus a note on the key.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { databaseUrl, keyFingerprint, log, run } from './backup-common.mjs';

const folder = resolve(process.argv[2] ?? 'backups');
mkdirSync(folder, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
const dump = join(folder, `provod-${stamp}.dump`);
const url = databaseUrl();

try {
  run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${url}`]);
  const fingerprint = keyFingerprint();
  writeFileSync(
    `${dump}.json`,
    `${JSON.stringify(
      {
        createdAt: new Date().toISOString(),
        database: new URL(url).pathname.slice(1),
        secretKeyFingerprint: fingerprint,
        note:
          'Stored secrets in this dump are encrypted with PROVOD_SECRET_KEY, which is NOT in the backup. ' +
          'Keep the key apart from the dump (a password manager); without it the secrets cannot be read and must be entered again.',
      },
      null,
      2,
    )}\n`,
  );
  log(`backup written: ${dump}`);
  log('it does not contain PROVOD_SECRET_KEY: keep that key somewhere safe and apart from the backup.');
} catch (error) {
  process.stderr.write(`[provod] ${error.message}\n`);
  process.exit(1);
}
