import type { Action, StepResult } from '@provod/contracts';
import type { ActionExecutor, ExecutorRegistry } from './executor';
import type { HttpPort } from './ports';
import { INTERRUPTED_ERROR, runOperation, type OperationPorts } from './run-operation';

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
});
