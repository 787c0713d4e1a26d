import 'reflect-metadata';
import { setPriority } from 'node:os';
import { loadConfig, runMigrations } from '@provod/data';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  lowerPriority(config.WORKER_NICE);
  if (config.MIGRATE_ON_START) await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

/** See WORKER_NICE. Raising one's own niceness needs no privilege; where it fails, say so and go on. */
function lowerPriority(nice: number): void {
  try {
    setPriority(nice);
  } catch (error) {
    process.stderr.write(`Provod worker: could not set its CPU priority to nice ${nice}: ${(error as Error).message}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Provod worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
