import type { ProvodConfig } from '@provod/data';
import type { CookieOptions, Response } from 'express';

export const SESSION_COOKIE = 'provod_session';
export const CSRF_COOKIE = 'provod_csrf';
export const CSRF_HEADER = 'x-csrf-token';

function base(config: ProvodConfig): CookieOptions {
  return { sameSite: 'lax', secure: config.PUBLIC_URL.startsWith('https://'), path: '/' };
}

/**
 * The session token is httpOnly, so page scripts never see it; the CSRF token is readable on
 * purpose: the web app echoes it in a header, which another site's form cannot do.
 */
export function setSessionCookies(res: Response, config: ProvodConfig, session: { token: string; csrfToken: string }): void {
  res.cookie(SESSION_COOKIE, session.token, { ...base(config), httpOnly: true, maxAge: config.SESSION_TTL_MS });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...base(config), httpOnly: false, maxAge: config.SESSION_TTL_MS });
}

export function clearSessionCookies(res: Response, config: ProvodConfig): void {
  res.clearCookie(SESSION_COOKIE, base(config));
  res.clearCookie(CSRF_COOKIE, base(config));
}
