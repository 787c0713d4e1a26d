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

/** Where a URL points, without its password. */
function describeUrl(url) {
  const u = new URL(url);
  return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}${u.pathname === '/' ? '' : u.pathname}`;
}

async function waitForHealth(url) {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status < 500 || res.status === 503) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function welcome({ address, postgres, redis, embeddedPostgres, spawnedRedis }) {
  const lines = [
    '',
    '  Provod is running.',
    '',
    `  Open            ${address}`,
    '                  The first person to open it creates the owner account there.',
    `  PostgreSQL      ${embeddedPostgres ? `embedded, data in ./.data/postgres (${postgres})` : postgres}`,
    `  Redis           ${spawnedRedis ? `started by Provod, data in ./.data/redis (${redis})` : redis}`,
    '  Stop            Ctrl+C (stops the API, the worker and whatever Provod started)',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  if (process.env.PROVOD_SKIP_BUILD !== '1') {
    log('building… (the first build takes a minute or two)');
    // The build's own chatter is only worth showing when it fails.
    const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (build.status !== 0) {
      process.stdout.write(`${build.stdout ?? ''}${build.stderr ?? ''}`);
      throw new Error('the build failed (see above)');
    }
  }
  const env = { ...process.env };
  env.DATABASE_URL = await ensurePostgres(children);
  env.REDIS_URL = await ensureRedis(children);
  const { runMigrations } = require(`${root}/libs/data/dist/index.js`);
  const ran = await runMigrations(env.DATABASE_URL);
  log(ran.length ? `migrations applied: ${ran.join(', ')}` : 'database schema is up to date');
  // Migrated once here; the processes need not wait for the lock again.
  env.MIGRATE_ON_START = '0';

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
  const port = env.PORT ?? 3000;
  const address = env.PUBLIC_URL ?? `http://localhost:${port}`;
  if (await waitForHealth(`http://127.0.0.1:${port}`)) {
    welcome({
      address,
      postgres: describeUrl(env.DATABASE_URL),
      redis: describeUrl(env.REDIS_URL),
      embeddedPostgres: children.some((c) => c.name === 'postgres'),
      spawnedRedis: children.some((c) => c.name === 'redis'),
    });
  }
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error) => {
  process.stderr.write(`[provod] ${error.message}\n`);
  void stopAll(1);
});
