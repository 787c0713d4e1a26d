import type { Action } from '@provod/contracts';
import { StepFailure } from '@provod/engine';
import { stepRetryPolicy } from './step-retry.policy';

/**
 * The delays the worker schedules, with the jitter's draw held still: exact figures instead of the
 * wall-clock ranges an end-to-end run can only bound.
 */
const retry = { attempts: 4, initialDelayMs: 200, maxDelayMs: 5_000, extraStatuses: [] };
const http = { id: 'a1', key: 'fetch', name: 'Fetch', type: 'http_request', settings: { retry } } as unknown as Action;
const composer = { id: 'a2', key: 'compose', name: 'Compose', type: 'json_composer', settings: { template: '{}' } } as unknown as Action;
const unavailable = new StepFailure('http_status', 'HTTP 503', undefined, { retryable: true });

describe('stepRetryPolicy', () => {
  let draw: jest.SpyInstance<number, []>;
  beforeEach(() => {
    draw = jest.spyOn(Math, 'random');
  });
  afterEach(() => draw.mockRestore());

  it('doubles from the initial delay; the draw spreads each wait between half and all of it', () => {
    draw.mockReturnValue(0);
    expect([1, 2, 3].map((attempt) => stepRetryPolicy(http, attempt, unavailable))).toEqual([100, 200, 400]);
    draw.mockReturnValue(0.999999);
    expect([1, 2, 3].map((attempt) => stepRetryPolicy(http, attempt, unavailable))).toEqual([200, 400, 800]);
  });

  it('waits what Retry-After asks, capped by the step\'s longest delay, whatever the draw', () => {
    draw.mockReturnValue(0);
    expect(stepRetryPolicy(http, 1, new StepFailure('http_status', 'HTTP 429', undefined, { retryable: true, retryAfterMs: 1_000 }))).toBe(1_000);
    expect(stepRetryPolicy(http, 1, new StepFailure('http_status', 'HTTP 429', undefined, { retryable: true, retryAfterMs: 3_600_000 }))).toBe(5_000);
  });

  it('no further try once the step has used its attempts, for a failure not worth one, or for a step that has no retries', () => {
    expect(stepRetryPolicy(http, 4, unavailable)).toBeNull();
    expect(stepRetryPolicy(http, 1, new StepFailure('http_status', 'HTTP 404'))).toBeNull();
    expect(stepRetryPolicy(composer, 1, unavailable)).toBeNull();
  });
});
