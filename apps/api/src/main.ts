import 'reflect-metadata';
import { loadConfig, runMigrations } from '@provod/data';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  // After an upgrade the new code must not serve the old schema; the lock lets the worker migrate at the same time.
  if (config.MIGRATE_ON_START) await runMigrations(config.DATABASE_URL);
  const app = await createApp(config);
  await app.listen(config.PORT);
}

main().catch((error: unknown) => {
  process.stderr.write(`Provod API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
