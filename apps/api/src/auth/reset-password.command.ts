import { AccountsRepository, createDataSource, PasswordResetsRepository, SessionsRepository, type ProvodConfig } from '@provod/data';
import { hash } from '@node-rs/argon2';
import { passwordProblem, passwordProblemMessage } from './password-policy';
import { RESET_TTL_MS, resetUrl } from './password-reset.service';
import { newToken } from './session-issuer';

export type ResetOutcome = { kind: 'link'; url: string; email: string } | { kind: 'password-set'; email: string; sessionsEnded: number };

/**
 * `npm run reset-password -- email`, for whoever runs the server (a sole owner locked out, no
 * SMTP): prints a one-time link, or with a new password given sets it at once. Either way the
 * user's sessions end when the password changes.
 */
export async function resetPasswordCommand(config: ProvodConfig, email: string, newPassword?: string): Promise<ResetOutcome> {
  const db = createDataSource(config.DATABASE_URL, 1);
  await db.initialize();
  try {
    const user = await new AccountsRepository(db).findUserByEmail(email);
    if (!user) throw new Error(`No account has the e-mail ${email}`);
    if (newPassword === undefined) {
      const token = newToken();
      await new PasswordResetsRepository(db).create(token, user.id, RESET_TTL_MS, null);
      return { kind: 'link', url: resetUrl(config, token), email: user.email };
    }
    const problem = passwordProblem(newPassword, [user.email, user.name]);
    if (problem) throw new Error(`The new password is refused: ${passwordProblemMessage(problem)}`);
    await new AccountsRepository(db).setPassword(user.id, await hash(newPassword));
    const sessionsEnded = await new SessionsRepository(db).revokeAll(user.id);
    return { kind: 'password-set', email: user.email, sessionsEnded };
  } finally {
    await db.destroy();
  }
}
