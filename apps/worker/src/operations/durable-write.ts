import { isDatabaseUnavailable } from '@provod/data';

export interface DurableWriteOptions {
  /** How long to keep trying, in all; past it the last error is thrown. */
  budgetMs: number;
  /** Told about each failed try before the wait that follows it. */
  onRetry?: (error: unknown, tryNumber: number, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 5_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a database write, and while PostgreSQL is unavailable tries it again with growing waits (¼ s
 * doubling to 5 s) for up to `budgetMs`. What the write records (a remote system's answer) stays in
 * memory meanwhile, so a short outage never makes a step run twice. Errors that are not about the
 * database being reachable are thrown at once: waiting would not fix them.
 */
export async function writeDurably<T>(work: () => Promise<T>, options: DurableWriteOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  const deadline = now() + options.budgetMs;
  for (let tryNumber = 1; ; tryNumber += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const base = Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (tryNumber - 1));
      const wait = Math.round(base * (0.75 + Math.random() * 0.25));
      if (now() + wait > deadline) throw error;
      options.onRetry?.(error, tryNumber, wait);
      await sleep(wait);
    }
  }
}

/**
 * How long an operation that found the database unavailable waits before its job comes back: short
 * at first, up to 10 s while the outage lasts, so jobs resume within seconds of the database's
 * return without hammering it meanwhile. One per worker process.
 */
export class DatabaseOutageClock {
  private since?: number;

  constructor(private readonly now: () => number = Date.now) {}

  nextWaitMs(): number {
    const now = this.now();
    this.since ??= now;
    const base = Math.min(10_000, Math.max(1_000, (now - this.since) / 5));
    return Math.round(base * (0.5 + Math.random() * 0.5));
  }

  recovered(): void {
    this.since = undefined;
  }
}
