import { createApp } from '../../apps/api/src/create-app';
import type { Reconciler } from '../../apps/worker/src/reconciler/reconciler.service';
import { loadConfig, runMigrations, type ProvodConfig } from '@provod/data';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { AddressInfo } from 'node:net';
import { emptyDatabase } from './database-reset';

let migrated: Promise<string[]> | undefined;

/** Applies the real migrations to this run's database, once per test file's process. */
export function migrate(): Promise<string[]> {
  migrated ??= runMigrations(testConfig().DATABASE_URL);
  return migrated;
}

export function testConfig(overrides: Partial<Record<keyof ProvodConfig, string>> = {}): ProvodConfig {
  return loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    RECONCILE_INTERVAL_MS: '60000',
    WEB_DIST: '/nonexistent',
    PROVOD_SECRET_KEY: 'test-key',
    // The fake U-ON and Envybox servers listen on loopback, which SSRF protection refuses by default.
    OUTBOUND_ALLOWLIST: '127.0.0.0/8',
    ...overrides,
  });
}

export interface RunningApi {
  app: NestExpressApplication;
  url: string;
  close(): Promise<void>;
}

export async function startApi(overrides: Partial<Record<keyof ProvodConfig, string>> = {}): Promise<RunningApi> {
  await migrate();
  const app = await createApp(testConfig(overrides));
  // A start that fails (a refused ADMIN_PASSWORD) has opened its database and Redis connections
  // already: closed here, they would keep Jest alive after the run.
  await app.listen(0, '127.0.0.1').catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    throw error;
  });
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface RunningWorker {
  app: INestApplicationContext;
  reconciler: Reconciler;
  close(): Promise<void>;
}

export async function startWorker(overrides: Partial<Record<keyof ProvodConfig, string>> = {}): Promise<RunningWorker> {
  await migrate();
  // Loaded on demand so API-only suites do not pull in the worker and its action executors.
  const { WorkerModule } = await import('../../apps/worker/src/worker.module');
  const { Reconciler } = await import('../../apps/worker/src/reconciler/reconciler.service');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(overrides)), { logger: false });
  await app.init().catch(async (error: unknown) => {
    await app.close().catch(() => undefined);
    throw error;
  });
  return { app, reconciler: app.get(Reconciler), close: () => app.close() };
}

/** Empties every table (but the first workspace, see database-reset) and this run's queue between tests. */
export async function resetState(): Promise<void> {
  await migrate();
  const db = new Client({ connectionString: testConfig().DATABASE_URL });
  await db.connect();
  try {
    await emptyDatabase(db);
  } finally {
    await db.end();
  }
  const redis = new IORedis(testConfig().REDIS_URL);
  try {
    const keys = await redis.keys(`${testConfig().QUEUE_PREFIX}:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export async function sql<T = Record<string, unknown>>(text: string, args: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: testConfig().DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(text, args)).rows as T[];
  } finally {
    await db.end();
  }
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
