import fc from 'fast-check';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs } from './retry-policy';

const retry = { initialDelayMs: 2_000, maxDelayMs: 300_000 };

describe('retryDelayMs', () => {
  it('doubles from the initial delay, drawn between half and all of it', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, retry, undefined, () => 0.999999))).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, retry, undefined, () => 0))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(3, retry, undefined, () => 0.5)).toBe(6_000);
  });

  it('never waits longer than the cap, yet keeps spreading at the cap', () => {
    expect(retryDelayMs(20, retry, undefined, () => 0.999999)).toBe(300_000);
    expect(retryDelayMs(20, retry, undefined, () => 0)).toBe(150_000);
    expect(retryDelayMs(5000, retry, undefined, () => 1)).toBe(300_000);
  });

  it('follows Retry-After, capped the same way', () => {
    expect(retryDelayMs(1, retry, 120_000, () => 0)).toBe(120_000);
    expect(retryDelayMs(1, retry, 86_400_000)).toBe(300_000);
    expect(retryDelayMs(1, retry, 0)).toBe(0);
    expect(retryDelayMs(1, retry, -5)).toBe(0);
  });

  it('stays within bounds for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -10, max: 10_000 }), fc.double()),
        fc.integer({ min: 0, max: 3_600_000 }),
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.option(fc.double(), { nil: undefined }),
        fc.double(),
        (attempt, initialDelayMs, maxDelayMs, retryAfterMs, drawn) => {
          const delay = retryDelayMs(attempt, { initialDelayMs, maxDelayMs }, retryAfterMs, () => drawn);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(maxDelayMs);
        },
      ),
    );
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-03-14T10:00:00Z');

  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Fri, 14 Mar 2025 10:01:30 GMT', 90_000],
    ['Fri, 14 Mar 2025 09:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j', (header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429, 5xx and the extra statuses only', () => {
    const extra = { extraStatuses: [409] };
    expect([408, 429, 500, 502, 503, 504, 599, 409].every((s) => isRetryableStatus(s, extra))).toBe(true);
    expect([400, 401, 403, 404, 422, 302].some((s) => isRetryableStatus(s, extra))).toBe(false);
    expect(isRetryableStatus(409, { extraStatuses: [] })).toBe(false);
  });
});
