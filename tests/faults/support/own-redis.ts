import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChild, stopChild, type Child } from './children';
import { freePort, until } from './net';

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
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

/**
 * A redis-server of the fault suite's own (never the shared 6379): no RDB snapshots, and AOF on or off,
 * so a restart either keeps the queue (AOF) or loses it all (the reconciler must rebuild it from PostgreSQL).
 */
export class OwnRedis {
  port = 0;
  aof = false;
  private dir = '';
  private server?: Child;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async create(aof: boolean): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), 'provod-fault-redis-'));
    this.port = await freePort();
    this.aof = aof;
    await this.start();
    return this;
  }

  async start(): Promise<void> {
    this.server = startChild('redis-server', 'redis-server', [
      '--port', String(this.port),
      '--bind', '127.0.0.1',
      '--save', '',
      '--appendonly', this.aof ? 'yes' : 'no',
      '--dir', this.dir,
      '--maxmemory-policy', 'noeviction',
    ]);
    await until(async () => {
      if (!this.server?.alive()) throw new Error('redis-server exited while starting (is it installed?)');
      return pong(this.port);
    }, 15_000, `redis-server on port ${this.port}`);
  }

  /** kill -9 of this suite's redis-server, then a new one on the same port and directory. */
  async restart(aof = this.aof): Promise<number> {
    if (this.server) await stopChild(this.server, 'SIGKILL');
    this.aof = aof;
    const downAt = Date.now();
    await this.start();
    return Date.now() - downAt;
  }

  async destroy(): Promise<void> {
    if (this.server) await stopChild(this.server, 'SIGKILL');
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}
