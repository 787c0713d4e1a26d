import type { Action } from '@provod/contracts';
import type { ActionExecutor, ExecutorRegistry } from './executor';
import { runOperation, type OperationPorts } from './run-operation';

/** The step keyed `gate` says the operation ends; every other step echoes its key. */
function ports(): OperationPorts & { ran: string[] } {
  const ran: string[] = [];
  const executor: ActionExecutor = {
    execute: async (action) => {
      ran.push(action.key);
      const halt = action.key === 'gate' ? { halt: 'filtered' as const } : {};
      return { input: {}, output: { passed: action.key !== 'gate' }, unresolved: [], ...halt };
    },
  };
  const registry = new Proxy({}, { get: () => executor }) as ExecutorRegistry;
  return { registry, http: { send: () => Promise.reject(new Error('no HTTP here')) }, clock: { now: () => new Date('2026-01-01T10:00:00Z') }, ran };
}

const action = (key: string): Action => ({ id: `a-${key}`, key, name: key, type: 'filter', settings: {} }) as unknown as Action;
const base = { operationId: 'op-1', params: {}, request: { method: 'POST', query: {}, headers: {}, body: null }, secrets: {} };

describe('runOperation with a filter', () => {
  it('ends as filtered after the step that halts, without an error and without running the rest', async () => {
    const sut = ports();
    const outcome = await runOperation({ ...base, definition: { actions: [action('fetch'), action('gate'), action('send')] } }, sut);
    expect({ status: outcome.status, error: outcome.error, ran: sut.ran }).toEqual({ status: 'filtered', error: null, ran: ['fetch', 'gate'] });
    expect(outcome.steps.map((s) => [s.key, s.status, s.halted])).toEqual([
      ['fetch', 'succeeded', undefined],
      ['gate', 'succeeded', 'filtered'],
    ]);
  });

  it('a filter recorded as halted by an earlier attempt still ends the operation there', async () => {
    const sut = ports();
    const first = await runOperation({ ...base, definition: { actions: [action('gate'), action('send')] } }, sut);
    const again = await runOperation({ ...base, definition: { actions: [action('gate'), action('send')] }, previousSteps: first.steps }, ports());
    expect(again.status).toBe('filtered');
    expect(again.steps).toEqual(first.steps);
  });
});
