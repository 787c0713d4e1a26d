import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { BadRequestException } from '@nestjs/common';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's 0–4 scale: 3 means "safely unguessable" against an online attack and a slow hash. */
const MIN_SCORE = 3;

/** Why a password is refused; the web app shows each in Russian or English. */
export type PasswordProblem = 'password_too_short' | 'password_common' | 'password_personal' | 'password_weak';

const MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  password_common: 'This password is in lists of common passwords; choose another.',
  password_personal: 'The password is too close to your e-mail or name; choose another.',
  password_weak: 'This password is easy to guess; add a few uncommon words.',
};

// Built once, on the first password checked: the dictionaries take some 40 MB of memory, which an
// API process that only takes webhooks never needs.
let checker: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  if (checker) return checker;
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  /* eslint-enable @typescript-eslint/no-require-imports */
  checker = new Factory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return checker;
}

/** Null when the password is acceptable; otherwise the reason. `personal` is what the password must not resemble. */
export function passwordProblem(password: string, personal: string[] = []): PasswordProblem | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  // Past the maximum the length alone makes it strong, and zxcvbn's matching grows with the input.
  const result = zxcvbn().check(password.slice(0, 100), personal.filter(Boolean));
  if (result.score >= MIN_SCORE) return null;
  const sequences = result.sequence.map((s) => s as { pattern: string; dictionaryName?: string });
  if (sequences.some((s) => s.pattern === 'dictionary' && s.dictionaryName === 'userInputs')) return 'password_personal';
  if (sequences.some((s) => s.pattern === 'dictionary' && s.dictionaryName?.startsWith('passwords'))) return 'password_common';
  return 'password_weak';
}

/** 400 naming the reason (`code`) so the form can say it in the user's language. */
export function assertStrongPassword(password: string, personal: string[] = []): void {
  const problem = passwordProblem(password, personal);
  if (!problem) return;
  throw new BadRequestException({
    statusCode: 400,
    code: problem,
    message: MESSAGES[problem],
    issues: [{ path: 'password', message: MESSAGES[problem] }],
  });
}

/** For ADMIN_PASSWORD at start-up: the same rule, as a plain error. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  return MESSAGES[problem];
}
