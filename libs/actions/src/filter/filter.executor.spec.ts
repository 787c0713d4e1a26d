import { type ActionOf, filterActionSchema, type FilterOutput } from '@provod/contracts';
import { isStepFailure } from '@provod/engine';
import { contextWith, testScope } from '../__tests__/test-context';
import { FilterExecutor } from './filter.executor';

const sut = new FilterExecutor();

function action(settings: Record<string, unknown>): ActionOf<'filter'> {
  return filterActionSchema.parse({ id: 'f1', key: 'only_new', name: 'Only new requests', type: 'filter', settings });
}

const scope = testScope({ uon: { body: { request: [{ type_id: '1', status: 'Новая', price: '150 000', tags: [] }] } } });

async function run(settings: Record<string, unknown>) {
  const outcome = await sut.execute(action(settings), contextWith(scope));
  return { ...outcome, output: outcome.output as FilterOutput };
}

describe('FilterExecutor', () => {
  it('lets the operation go on when every condition holds', async () => {
    const outcome = await run({
      conditions: [
        { left: '{{uon.body.request.[0].type_id}}', operator: 'equals', right: '1' },
        { left: '{{uon.body.request.[0].price}}', operator: 'greater', right: '100000', compareAs: 'number' },
      ],
    });
    expect(outcome.halt).toBeUndefined();
    expect(outcome.output.passed).toBe(true);
    expect(outcome.output.conditions.map((c) => c.held)).toEqual([true, true]);
  });

  it('ends the operation as filtered and names the condition and the values it compared', async () => {
    const outcome = await run({ conditions: [{ left: '{{uon.body.request.[0].type_id}}', operator: 'equals', right: '2' }] });
    expect(outcome.halt).toBe('filtered');
    expect(outcome.output.failed).toEqual([{ index: 0, operator: 'equals', compareAs: 'text', left: '1', right: '2', held: false }]);
  });

  it('with "any", one condition that holds is enough', async () => {
    const outcome = await run({
      match: 'any',
      conditions: [
        { left: '{{uon.body.request.[0].status}}', operator: 'contains', right: 'Нов' },
        { left: '{{source.r_id}}', operator: 'less', right: '10', compareAs: 'number' },
      ],
    });
    expect({ halt: outcome.halt, held: outcome.output.conditions.map((c) => c.held) }).toEqual({ halt: undefined, held: [true, false] });
  });

  it('treats nothing, blank text, [] and missing parameters as empty', async () => {
    const outcome = await run({
      conditions: [
        { left: '{{uon.body.request.[0].tags}}', operator: 'is_empty' },
        { left: '{{source.absent}}', operator: 'is_empty' },
        { left: '  ', operator: 'is_empty' },
        { left: '{{source.r_id}}', operator: 'is_not_empty' },
      ],
    });
    expect(outcome.output.conditions.map((c) => c.held)).toEqual([true, true, true, true]);
  });

  it('compares numbers as numbers, not as text ("9" < "10")', async () => {
    const asNumbers = await run({ conditions: [{ left: '9', operator: 'less', right: '10', compareAs: 'number' }] });
    const asText = await run({ conditions: [{ left: '9', operator: 'less', right: '10', compareAs: 'text' }] });
    expect([asNumbers.output.passed, asText.output.passed]).toEqual([true, false]);
  });

  it('an empty side compared as a number does not hold, and is not an error', async () => {
    const outcome = await run({ conditions: [{ left: '{{source.absent}}', operator: 'greater', right: '5', compareAs: 'number' }] });
    expect(outcome.halt).toBe('filtered');
  });

  it('fails the step with not_a_number when a side is text that is no number', async () => {
    const error = await sut
      .execute(action({ conditions: [{ left: '{{uon.body.request.[0].status}}', operator: 'greater', right: '5', compareAs: 'number' }] }), contextWith(scope))
      .catch((e: unknown) => e);
    expect(isStepFailure(error) && { code: error.code, details: error.details }).toEqual({
      code: 'not_a_number',
      details: expect.objectContaining({ condition: 1, value: 'Новая', input: expect.objectContaining({ match: 'all' }) }),
    });
  });

  it('cuts a long value shown in history', async () => {
    const long = 'x'.repeat(5_000);
    const outcome = await run({ conditions: [{ left: long, operator: 'equals', right: 'y' }] });
    expect(String(outcome.output.conditions[0]?.left).length).toBeLessThan(600);
  });

  it('refuses a filter with no condition, and fills the defaults from the schema', () => {
    expect(filterActionSchema.safeParse({ id: 'f', key: 'f', name: 'F', type: 'filter', settings: { conditions: [] } }).success).toBe(false);
    expect(action({ conditions: [{ left: '{{source.r_id}}' }] }).settings).toEqual({
      match: 'all',
      conditions: [{ left: '{{source.r_id}}', operator: 'equals', right: '', compareAs: 'text' }],
    });
  });
});
