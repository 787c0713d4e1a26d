import { AUTO_LIMIT_FAST_MS, AUTO_PROCESSING_CONCURRENCY, DEFAULT_PROCESSING_CONCURRENCY } from '@provod/contracts';
import { ProcessingPace } from './processing-pace';

const automatic = { processingId: 'p1', concurrency: DEFAULT_PROCESSING_CONCURRENCY, limitSet: false };
const T0 = 1_000_000;

/** `n` events of p1 that start at `at` and take `ms` each. */
function finish(sut: ProcessingPace, n: number, at: number, ms: number): void {
  for (let i = 0; i < n; i++) sut.started('p1', at)(true, at + ms);
}

describe('ProcessingPace: the limit a processing without one of its own runs under', () => {
  it('starts at the small default, and grows once five events in a row finished within a second', () => {
    const sut = new ProcessingPace();
    expect(sut.limitFor(automatic, T0)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
    finish(sut, 4, T0, 30);
    expect(sut.limitFor(automatic, T0 + 100)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
    finish(sut, 1, T0, 30);
    expect(sut.limitFor(automatic, T0 + 100)).toBe(AUTO_PROCESSING_CONCURRENCY);
  });

  it('falls back as soon as an event finishes late, or one still running passes the mark', () => {
    const sut = new ProcessingPace();
    finish(sut, 5, T0, 30);
    const slow = sut.started('p1', T0 + 100);
    expect(sut.limitFor(automatic, T0 + 100 + AUTO_LIMIT_FAST_MS)).toBe(AUTO_PROCESSING_CONCURRENCY);
    // The destination stopped answering: the event running here says so before it ends.
    expect(sut.limitFor(automatic, T0 + 101 + AUTO_LIMIT_FAST_MS)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
    slow(true, T0 + 20_000);
    expect(sut.limitFor(automatic, T0 + 20_001)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
    // And it has to earn the larger limit again.
    finish(sut, 4, T0 + 20_001, 30);
    expect(sut.limitFor(automatic, T0 + 20_100)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
  });

  it('forgets a pace it has not seen for a minute', () => {
    const sut = new ProcessingPace();
    finish(sut, 5, T0, 30);
    expect(sut.limitFor(automatic, T0 + 60_000)).toBe(AUTO_PROCESSING_CONCURRENCY);
    expect(sut.limitFor(automatic, T0 + 61_000)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
  });

  it('keeps a limit the user set, however fast the events', () => {
    const sut = new ProcessingPace();
    finish(sut, 10, T0, 5);
    expect(sut.limitFor({ ...automatic, concurrency: 3, limitSet: true }, T0 + 100)).toBe(3);
  });

  it('does not count a run that stopped only to wait for a slot', () => {
    const sut = new ProcessingPace();
    for (let i = 0; i < 10; i++) sut.started('p1', T0)(false, T0 + 1);
    expect(sut.limitFor(automatic, T0 + 100)).toBe(DEFAULT_PROCESSING_CONCURRENCY);
  });
});
