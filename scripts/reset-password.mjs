// `npm run reset-password -- owner@example.com`: prints a one-time password-reset link (valid 1 hour)
// for a user who cannot sign in. With PROVOD_NEW_PASSWORD set, sets that password instead.
// Either way the user's sessions end. Run `npm run build` first; reads the same settings as the API.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { loadConfig } = require('../libs/data/dist/index.js');
const { resetPasswordCommand } = require('../apps/api/dist/auth/reset-password.command.js');

const email = process.argv[2];
if (!email) {
  process.stderr.write('usage: npm run reset-password -- <e-mail>   (PROVOD_NEW_PASSWORD=… to set a password instead of printing a link)\n');
  process.exit(2);
}
try {
  const outcome = await resetPasswordCommand(loadConfig(), email, process.env.PROVOD_NEW_PASSWORD || undefined);
  process.stdout.write(
    outcome.kind === 'link'
      ? `One-time link for ${outcome.email} (works once, for 1 hour):\n${outcome.url}\n`
      : `Password set for ${outcome.email}; ${outcome.sessionsEnded} session(s) ended.\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
