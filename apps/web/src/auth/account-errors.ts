import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

const PASSWORD_REASONS = ['password_too_short', 'password_common', 'password_personal', 'password_weak', 'wrong_password'] as const;
const INVITE_REASONS = ['invite_invalid', 'invite_other_address'] as const;

function codeOf<T extends string>(error: unknown, known: readonly T[]): T | null {
  if (!(error instanceof ApiError)) return null;
  return known.find((code) => code === error.code) ?? null;
}

/**
 * The reason a password was refused, in the user's language, to show under the password field;
 * null for any other error (the form's general error alert shows those).
 */
export function passwordError(error: unknown, t: TFunction): string | null {
  const code = codeOf(error, PASSWORD_REASONS);
  if (code) return t(`password.${code}`);
  const lengthIssue =
    error instanceof ApiError &&
    error.status === 400 &&
    error.issues.some((issue) => /^(password|newPassword)$/.test(issue.path) && /at least/.test(issue.message));
  return lengthIssue ? t('password.password_too_short') : null;
}

/** Why an invitation was refused (used up, expired, or sent to another address), translated; null otherwise. */
export function inviteError(error: unknown, t: TFunction): string | null {
  const code = codeOf(error, INVITE_REASONS);
  return code ? t(`invite.${code}`) : null;
}
