import type { ProcessingExport, ProcessingView } from '@provod/contracts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { FakeUon } from '../../support/fake-uon';
import { api } from '../../support/flows';
import { signUp, type Session } from '../../support/session';
import { startChild, stderrTail, stopChild, type Child } from './children';
import { variant } from './fault-variant';
import { freePort, until } from './net';
import { OwnPostgres } from './own-postgres';
import { OwnRedis } from './own-redis';
import { provodRoot as root } from './provod-root';

const QUEUE_PREFIX = 'provod-fault';

export interface StackOptions {
  workers?: number;
  redisAof?: boolean;
  /** Extra settings for every worker process. */
  workerEnv?: Record<string, string>;
}

/**
 * Provod as production runs it, on services of its own: a PostgreSQL cluster and a redis-server this
 * suite started, the real migrations, the built API and worker as separate processes, and a fake
 * U-ON answering for any request id. Every process it starts it also ends, by pid.
 */
export class FaultStack {
  readonly pg = new OwnPostgres();
  readonly redis = new OwnRedis();
  readonly uon = new FakeUon();
  readonly workers: Child[] = [];
  api?: Child;
  apiUrl = '';
  session!: Session;
  private apiPort = 0;
  private logDir = mkdtempSync(join(tmpdir(), 'provod-fault-logs-'));
  private spawned = 0;

  constructor(private readonly options: StackOptions = {}) {}

  static async start(options: StackOptions = {}): Promise<FaultStack> {
    const stack = new FaultStack(options);
    try {
      await stack.boot();
    } catch (error) {
      // The caller never gets the stack to stop: end what did start before reporting the failure.
      await stack.stop().catch(() => undefined);
      throw error;
    }
    return stack;
  }

  get databaseUrl(): string {
    return this.pg.databaseUrl('provod');
  }

  private async boot(): Promise<void> {
    const t0 = Date.now();
    const mark = (what: string) => process.env.FAULTS_DEBUG === '1' && process.stderr.write(`[fault stack] ${what} at ${Date.now() - t0} ms\n`);
    await Promise.all([this.pg.create(), this.redis.create(this.options.redisAof ?? false), this.uon.start()]);
    mark('services');
    await this.sqlAdmin('CREATE DATABASE provod');
    // The real migrations, from the build under test.
    const migrate = spawnSync(process.execPath, ['scripts/migrate.mjs'], { cwd: root, env: this.env({}), encoding: 'utf8' });
    if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`);
    mark('migrated');
    this.apiPort = await freePort();
    this.apiUrl = `http://127.0.0.1:${this.apiPort}`;
    // Workers boot meanwhile the API does: they need only the database and Redis.
    for (let i = 0; i < (this.options.workers ?? 1); i++) this.startWorker();
    await this.startApi();
    mark('api');
    await this.untilWorkersAlive(this.options.workers ?? 1);
    mark('workers');
    this.session = await signUp(this.apiUrl);
    await api(this.session, 'PUT', '/api/secrets/UON_KEY', { value: this.uon.apiKey });
  }

  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis.url,
      QUEUE_PREFIX,
      PROVOD_SECRET_KEY: 'fault-suite-key',
      OUTBOUND_ALLOWLIST: '127.0.0.0/8',
      WEB_DIST: '/nonexistent',
      WEBHOOK_RATE_LIMIT_PER_SECOND: '100000',
      LOG_LEVEL: 'warn',
      ...variant.timing,
      ...extra,
    };
  }

  async startApi(): Promise<Child> {
    this.api = startChild('api', process.execPath, ['apps/api/dist/main.js'], {
      cwd: root,
      env: this.env({ PORT: String(this.apiPort), LOG_FILE: join(this.logDir, `api-${++this.spawned}.log`) }),
    });
    const api = this.api;
    await until(async () => {
      if (!api.alive()) throw new Error(`the API exited while starting: ${stderrTail(api)}`);
      return fetch(`${this.apiUrl}/api/health`).then((r) => r.ok, () => false);
    }, 60_000, 'the API to answer its health check');
    return api;
  }

  async killApi(): Promise<void> {
    if (this.api) await stopChild(this.api, 'SIGKILL');
  }

  startWorker(): Child {
    const worker = startChild('worker', process.execPath, ['apps/worker/dist/main.js'], {
      cwd: root,
      env: this.env({ LOG_FILE: join(this.logDir, `worker-${++this.spawned}.log`), ...this.options.workerEnv }),
    });
    this.workers.push(worker);
    return worker;
  }

  aliveWorkers(): Child[] {
    return this.workers.filter((w) => w.alive());
  }

  /** Waits for `count` heartbeats in this suite's Redis (health reports them). */
  async untilWorkersAlive(count: number): Promise<void> {
    await until(async () => {
      const dead = this.workers.find((w) => !w.alive() && w.exited);
      if (dead && this.aliveWorkers().length < count) throw new Error(`a worker exited while starting: ${stderrTail(dead)}`);
      const health = await fetch(`${this.apiUrl}/api/health`).then((r) => r.json() as Promise<{ workers?: { alive?: number } }>, () => undefined);
      return (health?.workers?.alive ?? 0) >= count;
    }, 60_000, `${count} worker(s) to announce themselves`);
  }

  async killWorker(worker: Child): Promise<void> {
    await stopChild(worker, 'SIGKILL');
  }

  /** Imports a definition (with `ENVYBOX_KEY` pointing at this destination's key) and starts it. */
  async processing(definition: ProcessingExport, envyboxKey?: string): Promise<ProcessingView> {
    if (envyboxKey) await api(this.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: envyboxKey });
    const imported = await api<ProcessingView>(this.session, 'POST', '/api/processings/import', definition);
    if (imported.status !== 201) throw new Error(`import failed: ${JSON.stringify(imported.body)}`);
    const started = await api<ProcessingView>(this.session, 'POST', `/api/processings/${imported.body.id}/start`);
    if (started.status !== 200 && started.status !== 201) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
    return started.body;
  }

  async sql<T = Record<string, unknown>>(text: string, args: unknown[] = []): Promise<T[]> {
    const db = new Client({ connectionString: this.databaseUrl });
    await db.connect();
    try {
      return (await db.query(text, args)).rows as T[];
    } finally {
      await db.end();
    }
  }

  private async sqlAdmin(text: string): Promise<void> {
    const db = new Client({ connectionString: this.pg.adminUrl });
    await db.connect();
    try {
      await db.query(text);
    } finally {
      await db.end();
    }
  }

  async stop(): Promise<void> {
    for (const worker of this.workers) await stopChild(worker, 'SIGKILL');
    if (this.api) await stopChild(this.api, 'SIGKILL');
    await this.uon.stop().catch(() => undefined);
    await this.redis.destroy();
    await this.pg.destroy();
    if (process.env.FAULTS_KEEP_LOGS === '1') process.stdout.write(`fault suite logs kept in ${this.logDir}\n`);
    else rmSync(this.logDir, { recursive: true, force: true });
  }
}
