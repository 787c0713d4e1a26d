import { timingSafeEqual } from 'node:crypto';

/** `Authorization: Bearer <token>` compared in constant time (the metrics endpoints' only guard). */
export function bearerTokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
