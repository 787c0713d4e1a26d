const FALLBACK = '/processings';

/**
 * Where to go after sign-in. `next` comes from the address bar, so it must not send anyone to
 * another site: only a path on this origin is accepted. Browsers read `\` as `/` and drop tabs and
 * newlines, so `/\host` and `/\t/host` mean `//host`; they and any control character are refused
 * outright, then the parsed URL must keep this origin.
 */
export function safeNext(next: string | null, origin: string = window.location.origin): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return FALLBACK;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== origin) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Sign-in pages themselves would loop.
  return url.pathname === '/login' ? FALLBACK : path;
}
