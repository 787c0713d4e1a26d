export const CAPACITY_GATE = Symbol('CAPACITY_GATE');

/**
 * A parked job wakes by itself after about this long even if no slot was handed to it, in case a
 * hand-over was lost (the worker that handed it died before waking it); it keeps its place in line.
 * Normally it is woken the moment a slot is its own. Each wake-up of a job still in line costs a
 * look and a park again, so with a backlog of 100 000 parked events a minute was far too often: the
 * wake-ups took the workers' time from the events at the head of the line. Spread by ±20 % so a
 * backlog parked in one burst does not wake in one.
 */
export const PARK_SAFETY_MS = 5 * 60_000;

export function parkSafetyDelayMs(random = Math.random()): number {
  return Math.round(PARK_SAFETY_MS * (0.8 + 0.4 * random));
}

/** How often each worker hands on slots whose lease ran out (a worker holding them died). */
export const SWEEP_INTERVAL_MS = 2_000;
/**
 * How long a run waits in place for a slot of a full gate before its job is parked: at a busy gate
 * whose events finish quickly a slot comes free within milliseconds, and parking then waking a job
 * costs several writes. A slow gate costs its waiters no more than this in a worker slot.
 */
export const SLOT_WAIT_MS = 100;
