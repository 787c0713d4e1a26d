import 'reflect-metadata';
import { loadConfig, runMigrations } from '@provod/data';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.MIGRATE_ON_START) await runMigrations(config.DATABASE_URL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
}

main().catch((error: unknown) => {
  process.stderr.write(`Provod worker failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
