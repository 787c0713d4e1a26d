import type { Action, StepResult } from '@provod/contracts';
import type { ActionExecutor, ExecutorRegistry } from './executor';
import type { HttpPort } from './ports';
import { INTERRUPTED_ERROR, runOperation, type OperationPorts } from './run-operation';
import { StepFailure } from './step-failure';

/** One executor stands in for every type: it echoes the action's key, so the order is visible. */
function ports(overrides: Partial<OperationPorts> = {}): OperationPorts & { ran: string[] } {
  const ran: string[] = [];
  const echo: ActionExecutor = {
    execute: async (action) => {
      ran.push(action.key);
      return { input: { key: action.key }, output: { from: action.key }, unresolved: [] };
    },
  };
  const registry = { http_request: echo, json_parser: echo, json_composer: echo } as unknown as ExecutorRegistry;
  const http: HttpPort = { send: () => Promise.reject(new Error('no HTTP in this test')) };
  return { registry, http, clock: { now: () => new Date('2026-01-01T10:00:00Z') }, ran, ...overrides };
}

const action = (key: string): Action => ({ id: `a-${key}`, key, name: key, type: 'json_composer', settings: { template: '{}' } }) as unknown as Action;
const definition = { actions: [action('fetch'), action('lead'), action('send')] };
const base = { operationId: 'op-1', definition, params: {}, request: { method: 'GET', query: {}, headers: {}, body: null }, secrets: {} };

const succeeded = (key: string): StepResult => ({
  actionId: `a-${key}`,
  key,
  type: 'json_composer',
  name: key,
  status: 'succeeded',
  input: null,
  output: { from: `${key} (recorded)` },
  startedAt: '2026-01-01T09:59:00.000Z',
  durationMs: 5,
  attempt: 1,
});

describe('runOperation', () => {
  it('tells the caller before each step it runs, with the number of its try, and not for steps recorded earlier', async () => {
    const before: Array<[string, number]> = [];
    const sut = ports({ beforeStep: async (a, attempt) => void before.push([a.key, attempt]) });
    const outcome = await runOperation({ ...base, previousSteps: [succeeded('fetch')] }, sut);
    expect(outcome.status).toBe('succeeded');
    expect(sut.ran).toEqual(['lead', 'send']);
    expect(before).toEqual([
      ['lead', 1],
      ['send', 1],
    ]);
  });

  it('does not run a step when recording it fails: the error stops the run', async () => {
    const sut = ports({ beforeStep: () => Promise.reject(new Error('database unavailable')) });
    await expect(runOperation(base, sut)).rejects.toThrow('database unavailable');
    expect(sut.ran).toEqual([]);
  });

  it('runs again the step that was cut off, counting the cut-off try and showing it as interrupted', async () => {
    const before: Array<[string, number]> = [];
    const sut = ports({ beforeStep: async (a, attempt) => void before.push([a.key, attempt]) });
    const outcome = await runOperation(
      {
        ...base,
        previousSteps: [succeeded('fetch'), succeeded('lead')],
        interrupted: { actionId: 'a-send', attempt: 1, startedAt: '2026-01-01T09:59:30.000Z' },
      },
      sut,
    );
    expect(sut.ran).toEqual(['send']);
    expect(before).toEqual([['send', 2]]);
    const send = outcome.steps[2]!;
    expect(send).toMatchObject({ status: 'succeeded', attempt: 2 });
    expect(send.previousAttempts).toEqual([
      { attempt: 1, startedAt: '2026-01-01T09:59:30.000Z', durationMs: 0, error: INTERRUPTED_ERROR, retryDelayMs: 0 },
    ]);
  });

  it('ignores a cut-off marker for a step whose result was recorded after all', async () => {
    const sut = ports();
    const outcome = await runOperation(
      { ...base, previousSteps: [succeeded('fetch')], interrupted: { actionId: 'a-fetch', attempt: 1, startedAt: '2026-01-01T09:59:30.000Z' } },
      sut,
    );
    expect(sut.ran).toEqual(['lead', 'send']);
    expect(outcome.steps[0]).toEqual(succeeded('fetch'));
  });

  it('hands each step the outputs of the steps before it, and reports every result in order', async () => {
    const seen: unknown[] = [];
    const sut = ports();
    const reading: ActionExecutor = {
      execute: async (a, context) => {
        seen.push({ key: a.key, fetch: context.scope.fetch, lead: context.scope.lead });
        return { input: null, output: `${a.key} done`, unresolved: [] };
      },
    };
    sut.registry = { json_composer: reading } as unknown as ExecutorRegistry;
    const reported: string[][] = [];
    const outcome = await runOperation(base, { ...sut, onStep: async (steps) => void reported.push(steps.map((s) => s.key)) });
    expect(outcome).toMatchObject({ status: 'succeeded', error: null });
    expect(seen).toEqual([
      { key: 'fetch', fetch: undefined, lead: undefined },
      { key: 'lead', fetch: 'fetch done', lead: undefined },
      { key: 'send', fetch: 'fetch done', lead: 'lead done' },
    ]);
    expect(reported).toEqual([['fetch'], ['fetch', 'lead'], ['fetch', 'lead', 'send']]);
  });

  it('fails the operation at a failing step, naming it, keeping what it received, and runs nothing after it', async () => {
    const sut = ports();
    const failing: ActionExecutor = {
      execute: async (a) => {
        sut.ran.push(a.key);
        if (a.key === 'lead') throw new StepFailure('http_status', 'The server answered 422', { input: { url: 'https://crm.example/lead' }, status: 422 });
        return { input: null, output: {}, unresolved: [] };
      },
    };
    sut.registry = { json_composer: failing } as unknown as ExecutorRegistry;
    const outcome = await runOperation(base, sut);
    expect(sut.ran).toEqual(['fetch', 'lead']);
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toEqual({ code: 'http_status', message: 'The server answered 422', details: { status: 422 }, step: 'lead' });
    // The input sits beside the step, not inside its error.
    expect(outcome.steps[1]).toMatchObject({ status: 'failed', input: { url: 'https://crm.example/lead' }, attempt: 1 });
  });

  it('asks the retry policy about a failure, and a retry waits with the time of the next try', async () => {
    const sut = ports();
    sut.registry = {
      json_composer: { execute: async () => Promise.reject(new StepFailure('http_status', 'The server answered 503', undefined, { retryable: true })) },
    } as unknown as ExecutorRegistry;
    const asked: Array<[string, number, string]> = [];
    const outcome = await runOperation(base, {
      ...sut,
      retryPolicy: (a, attempt, failure) => {
        asked.push([a.key, attempt, failure.code]);
        return 30_000;
      },
    });
    expect(asked).toEqual([['fetch', 1, 'http_status']]);
    expect(outcome).toMatchObject({ status: 'retrying', retryInMs: 30_000, error: { code: 'http_status', step: 'fetch' } });
    expect(outcome.steps).toHaveLength(1);
    expect(outcome.steps[0]).toMatchObject({ status: 'retrying', nextAttemptAt: '2026-01-01T10:00:30.000Z' });
  });

  it('lets a system error (not a step failure) escape, for the queue to retry the job', async () => {
    const sut = ports();
    sut.registry = { json_composer: { execute: async () => Promise.reject(new TypeError('a bug')) } } as unknown as ExecutorRegistry;
    await expect(runOperation(base, sut)).rejects.toThrow('a bug');
  });

  it('ends filtered at a step that halts, running nothing after it', async () => {
    const sut = ports();
    sut.registry = {
      json_composer: {
        execute: async (a: Action) => {
          sut.ran.push(a.key);
          return { input: null, output: { passed: false }, unresolved: [], ...(a.key === 'lead' ? { halt: 'filtered' as const } : {}) };
        },
      },
    } as unknown as ExecutorRegistry;
    const outcome = await runOperation(base, sut);
    expect(outcome).toMatchObject({ status: 'filtered', error: null });
    expect(sut.ran).toEqual(['fetch', 'lead']);
    expect(outcome.steps[1]).toMatchObject({ status: 'succeeded', halted: 'filtered' });
  });
});
