// `npm run migrate`: applies pending migrations to DATABASE_URL (run `npm run build` first).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { runMigrations, loadConfig } = require('../libs/data/dist/index.js');
const ran = await runMigrations(loadConfig().DATABASE_URL);
process.stdout.write(ran.length ? `applied: ${ran.join(', ')}\n` : 'schema is up to date\n');
