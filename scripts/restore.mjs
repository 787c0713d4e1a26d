// `npm run restore -- <file.dump>`: replaces the contents of Provod's database with a backup made by
// `npm run backup`. Stop Provod first; on its next start the migrations bring an older backup up to date.
import { existsSync, readFileSync } from 'node:fs';
import { databaseUrl, keyFingerprint, log, run } from './backup-common.mjs';

const dump = process.argv[2];
if (!dump || !existsSync(dump)) {
  process.stderr.write('usage: npm run restore -- <backup.dump>   (made by npm run backup)\n');
  process.exit(2);
}
const url = databaseUrl();

try {
  const meta = existsSync(`${dump}.json`) ? JSON.parse(readFileSync(`${dump}.json`, 'utf8')) : null;
  const current = keyFingerprint();
  if (meta?.secretKeyFingerprint && current && meta.secretKeyFingerprint !== current) {
    log('warning: this backup was made with a different PROVOD_SECRET_KEY than the one set now.');
    log('         Stored secrets will not decrypt until Provod runs with the key of the backup.');
  }
  // --clean --if-exists: a restore over an existing installation replaces it rather than merging into it.
  run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${url}`, dump]);
  log(`restored ${dump} into ${new URL(url).pathname.slice(1)}; start Provod (npm start) and it applies any newer migrations.`);
} catch (error) {
  process.stderr.write(`[provod] ${error.message}\n`);
  process.exit(1);
}
