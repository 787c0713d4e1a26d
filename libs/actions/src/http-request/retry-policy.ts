import type { HttpRetry } from '@provod/contracts';

/** Statuses that say "not now" rather than "not like this": worth the same request again later. */
const ALWAYS_RETRIED = new Set([408, 429]);

export function isRetryableStatus(status: number, retry: Pick<HttpRetry, 'extraStatuses'>): boolean {
  return ALWAYS_RETRIED.has(status) || (status >= 500 && status <= 599) || retry.extraStatuses.includes(status);
}

/**
 * How long to wait before the next try after `attempt` tries have failed (1 after the first). The
 * base doubles from `initialDelayMs` each time and is capped by `maxDelayMs`; the wait is then drawn
 * between half and all of it, so many operations failing together do not return together. A
 * Retry-After from the server wins over the schedule, capped the same way.
 */
export function retryDelayMs(
  attempt: number,
  retry: Pick<HttpRetry, 'initialDelayMs' | 'maxDelayMs'>,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const cap = Math.max(0, retry.maxDelayMs);
  if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs)) {
    return Math.round(Math.min(Math.max(0, retryAfterMs), cap));
  }
  const tries = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  // 2^1074 and beyond is Infinity, which Math.min still caps correctly.
  const initial = Math.max(0, retry.initialDelayMs);
  // 0 × 2^1024 would be NaN: no initial delay means no delay, however many tries.
  const base = initial === 0 ? 0 : Math.min(initial * 2 ** (tries - 1), cap);
  const drawn = random();
  const share = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 1;
  return Math.round(base * (0.5 + 0.5 * share));
}

/**
 * Reads a Retry-After header: delay-seconds or an HTTP date. Undefined when it is absent or cannot be
 * read, so a garbled header falls back to the usual schedule instead of "retry now".
 */
export function parseRetryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
