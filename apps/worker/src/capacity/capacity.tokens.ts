export const CAPACITY_GATE = Symbol('CAPACITY_GATE');

/**
 * A parked job wakes by itself after this long even if no slot was handed to it, in case a hand-over
 * was lost; it keeps its place in line. Normally it is woken the moment a slot is its own.
 */
export const PARK_SAFETY_MS = 60_000;

/** How often each worker hands on slots whose lease ran out (a worker holding them died). */
export const SWEEP_INTERVAL_MS = 2_000;
/**
 * How long a run waits in place for a slot of a full gate before its job is parked: at a busy gate
 * whose events finish quickly a slot comes free within milliseconds, and parking then waking a job
 * costs several writes. A slow gate costs its waiters no more than this in a worker slot.
 */
export const SLOT_WAIT_MS = 100;
