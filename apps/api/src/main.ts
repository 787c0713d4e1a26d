import 'reflect-metadata';
import { loadConfig } from '@provod/data';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT);
}

main().catch((error: unknown) => {
  process.stderr.write(`Provod API failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
