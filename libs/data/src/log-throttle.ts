/** pino's level number for `warn`: quieter levels are never throttled. */
const WARN = 40;
/** Distinct messages tracked at once; past this the oldest state is dropped (a bound, not a feature). */
const MAX_KEYS = 1_000;

interface Window {
  until: number;
  repeated: number;
  timer?: NodeJS.Timeout;
}

/**
 * Keeps an outage from flooding the log: the first of a run of identical lines is written, the rest
 * are counted, and one summary line per window says how many there were. Identical means same
 * level, message, error text and status; which operation or request it was about does not count.
 */
export class LogThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Calls `write(0)` for the first occurrence of `key` in a window; later ones are counted and
   * reported by one `write(count)` when the window ends.
   */
  admit(key: string, write: (repeated: number) => void): void {
    const now = this.now();
    const window = this.windows.get(key);
    if (!window || (now >= window.until && window.repeated === 0 && !window.timer)) {
      if (!window && this.windows.size >= MAX_KEYS) this.forgetOldest();
      this.windows.set(key, { until: now + this.windowMs, repeated: 0 });
      write(0);
      return;
    }
    window.repeated += 1;
    window.timer ??= setTimeout(() => this.flush(window, write), Math.max(0, window.until - now));
    window.timer.unref?.();
  }

  /** Writes what is still counted (at shutdown, or in tests). */
  flushAll(write: (key: string, repeated: number) => void): void {
    for (const [key, window] of this.windows) {
      if (window.timer) clearTimeout(window.timer);
      window.timer = undefined;
      if (window.repeated) write(key, window.repeated);
      window.repeated = 0;
    }
  }

  private flush(window: Window, write: (repeated: number) => void): void {
    window.timer = undefined;
    const repeated = window.repeated;
    window.repeated = 0;
    window.until = this.now() + this.windowMs;
    if (repeated) write(repeated);
  }

  private forgetOldest(): void {
    const [oldest] = this.windows.keys();
    if (oldest === undefined) return;
    const window = this.windows.get(oldest);
    if (window?.timer) clearTimeout(window.timer);
    this.windows.delete(oldest);
  }
}

type LogMethod = (this: unknown, ...args: unknown[]) => void;

/**
 * A pino `hooks.logMethod` that passes warnings and errors through a LogThrottle. The summary line
 * repeats the message with `repeated` (how many were left out) and `windowMs`.
 */
export function throttleRepeatedLogs(windowMs: number): (this: unknown, args: unknown[], method: LogMethod, level: number) => void {
  const throttle = new LogThrottle(windowMs);
  return function logMethod(this: unknown, args, method, level) {
    if (level < WARN) {
      method.apply(this, args);
      return;
    }
    const [first, second] = args;
    const fields = first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : {};
    const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
    const key = `${level}|${message}|${errorText(fields)}|${statusOf(fields)}`;
    throttle.admit(key, (repeated) => {
      if (repeated === 0) method.apply(this, args);
      else method.call(this, { ...fields, repeated, windowMs }, `${message} (repeated ${repeated} more times in ${Math.round(windowMs / 1000)} s)`);
    });
  };
}

function errorText(fields: Record<string, unknown>): string {
  const err = fields.err;
  if (typeof err === 'string') return err;
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') return (err as { message: string }).message;
  return '';
}

function statusOf(fields: Record<string, unknown>): string {
  const res = fields.res as { statusCode?: unknown } | undefined;
  return res && typeof res.statusCode === 'number' ? String(res.statusCode) : '';
}
