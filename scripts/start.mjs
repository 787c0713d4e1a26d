// `npm start`: builds Provod, finds or starts PostgreSQL and Redis, runs the migrations, then runs
// the API (which serves the web app) and the worker until Ctrl+C.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensurePostgres, ensureRedis } from './services.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const log = (message) => process.stdout.write(`[provod] ${message}\n`);
const children = [];

async function stopAll(code) {
  for (const child of children.reverse()) await Promise.resolve(child.stop()).catch(() => {});
  process.exit(code);
}

async function main() {
  if (process.env.PROVOD_SKIP_BUILD !== '1') {
    log('building…');
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed (see above)');
  }
  const env = { ...process.env };
  env.DATABASE_URL = await ensurePostgres(children);
  env.REDIS_URL = await ensureRedis(children);
  const { runMigrations } = require(`${root}/libs/data/dist/index.js`);
  const ran = await runMigrations(env.DATABASE_URL);
  log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema is up to date');

  for (const [name, entry] of [
    ['api', 'apps/api/dist/main.js'],
    ['worker', 'apps/worker/dist/main.js'],
  ]) {
    const child = spawn(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' });
    children.push({ name, stop: () => child.kill('SIGTERM') });
    child.on('exit', (code) => {
      log(`${name} exited with code ${code}; stopping`);
      void stopAll(code ?? 1);
    });
  }
  log(`Provod is starting on ${env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3000}`}`);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error) => {
  process.stderr.write(`[provod] ${error.message}\n`);
  void stopAll(1);
});
