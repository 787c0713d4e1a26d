import type { Action, StepResult } from '@provod/contracts';
import type { ActionExecutor, ExecutorRegistry } from './executor';
import type { HttpPort } from './ports';
import { runOperation, type OperationPorts, type RetryPolicy } from './run-operation';
import { StepFailure } from './step-failure';

/**
 * The times a retried step records, on a clock the test moves: when its next try is due, and how
 * long each try waited. The integration tier checks the same on the wall clock only as far as it can
 * exactly (no try starts before it is due); the figures themselves are checked here, to the millisecond.
 */
const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const STEP_MS = 40;

function clockAt(start: number) {
  let now = start;
  return {
    clock: { now: () => new Date(now) },
    advance: (ms: number) => void (now += ms),
    set: (at: number) => void (now = at),
    get now() {
      return now;
    },
  };
}

const fetch = { id: 'a-fetch', key: 'fetch', name: 'Fetch', type: 'json_composer', settings: { template: '{}' } } as unknown as Action;
const base = { operationId: 'op-1', definition: { actions: [fetch] }, params: {}, request: { method: 'GET', query: {}, headers: {}, body: null }, secrets: {} };

/** Each try takes STEP_MS on the test's clock; it fails with 503 as long as `failures` says so. */
function portsWith(time: ReturnType<typeof clockAt>, failures: number, retryPolicy: RetryPolicy): OperationPorts {
  let left = failures;
  const executor: ActionExecutor = {
    execute: async () => {
      time.advance(STEP_MS);
      if (left > 0) {
        left -= 1;
        throw new StepFailure('http_status', 'HTTP 503', { status: 503 }, { retryable: true });
      }
      return { input: null, output: { ok: true }, unresolved: [] };
    },
  };
  const http: HttpPort = { send: () => Promise.reject(new Error('no HTTP in this test')) };
  return { registry: { json_composer: executor } as unknown as ExecutorRegistry, http, clock: time.clock, retryPolicy };
}

describe('runOperation: retry timing on a controlled clock', () => {
  const schedule = [100, 200];
  const policy: RetryPolicy = (_action, attempt) => schedule[attempt - 1] ?? null;

  it('a failed try is due again exactly its delay after it ended', async () => {
    const time = clockAt(T0);
    const outcome = await runOperation(base, portsWith(time, 1, policy));
    expect(outcome).toMatchObject({ status: 'retrying', retryInMs: 100 });
    expect(outcome.steps[0]).toMatchObject({
      status: 'retrying',
      attempt: 1,
      startedAt: new Date(T0).toISOString(),
      durationMs: STEP_MS,
      nextAttemptAt: new Date(T0 + STEP_MS + 100).toISOString(),
    });
  });

  it('each later try records the wait before it as scheduled, however late the queue brought it back', async () => {
    const time = clockAt(T0);
    const ports = portsWith(time, 2, policy);
    let steps: readonly StepResult[] = (await runOperation(base, ports)).steps;
    // The queue brings the job back late (17 ms, then 1.5 s): the recorded waits stay the scheduled ones.
    time.set(Date.parse(steps[0]!.nextAttemptAt!) + 17);
    const second = await runOperation({ ...base, previousSteps: steps }, ports);
    expect(second).toMatchObject({ status: 'retrying', retryInMs: 200 });
    steps = second.steps;
    expect(steps[0]).toMatchObject({ attempt: 2, startedAt: new Date(T0 + STEP_MS + 100 + 17).toISOString() });
    time.set(Date.parse(steps[0]!.nextAttemptAt!) + 1_500);
    const third = await runOperation({ ...base, previousSteps: steps }, ports);

    expect(third.status).toBe('succeeded');
    expect(third.steps[0]).toMatchObject({ status: 'succeeded', attempt: 3 });
    expect(third.steps[0]!.nextAttemptAt).toBeUndefined();
    expect(third.steps[0]!.previousAttempts).toEqual([
      { attempt: 1, startedAt: new Date(T0).toISOString(), durationMs: STEP_MS, error: expect.objectContaining({ code: 'http_status' }), retryDelayMs: 100 },
      {
        attempt: 2,
        startedAt: new Date(T0 + STEP_MS + 100 + 17).toISOString(),
        durationMs: STEP_MS,
        error: expect.objectContaining({ code: 'http_status' }),
        retryDelayMs: 200,
      },
    ]);
  });

  it('asks the policy with the number of the try that failed, and fails once it says no more', async () => {
    const time = clockAt(T0);
    const asked: number[] = [];
    const ports = portsWith(time, 5, (action, attempt, failure) => (asked.push(attempt), policy(action, attempt, failure)));
    let steps: readonly StepResult[] = [];
    for (let run = 0; run < 2; run += 1) {
      const outcome = await runOperation({ ...base, previousSteps: steps }, ports);
      steps = outcome.steps;
      time.set(Date.parse(steps[0]!.nextAttemptAt!));
    }
    const last = await runOperation({ ...base, previousSteps: steps }, ports);
    expect(asked).toEqual([1, 2, 3]);
    expect(last).toMatchObject({ status: 'failed', error: { code: 'http_status', step: 'Fetch' } });
    expect(last.steps[0]).toMatchObject({ status: 'failed', attempt: 3 });
    expect(last.steps[0]!.nextAttemptAt).toBeUndefined();
    expect(last.steps[0]!.previousAttempts!.map((a) => a.retryDelayMs)).toEqual([100, 200]);
  });
});
