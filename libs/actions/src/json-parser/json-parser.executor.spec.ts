import { type ActionOf, jsonParserActionSchema } from '@provod/contracts';
import { isStepFailure, type StepFailure } from '@provod/engine';
import { contextWith, testScope } from '../__tests__/test-context';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { JsonParserExecutor } from './json-parser.executor';

const executor = new JsonParserExecutor();

function action(settings: Record<string, unknown>): ActionOf<'json_parser'> {
  return jsonParserActionSchema.parse({ id: 'p1', key: 'fields', name: 'Parse request', type: 'json_parser', settings });
}

async function failureOf(promise: Promise<unknown>): Promise<StepFailure> {
  try {
    await promise;
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw error;
  }
  throw new Error('expected a StepFailure');
}

const fetched = { fetch_request: { status: 200, headers: {}, body: uonRequestFixture } };

describe('JsonParserExecutor', () => {
  it('pulls U-ON request fields with Webjack paths; a missing one gives null', async () => {
    const parse = action({
      input: '{{fetch_request.body}}',
      fields: [
        { name: 'client_name', path: '["request"][0]["client_name"]' },
        { name: 'phone', path: '["request"][0]["client_phone_mobile"]' },
        { name: 'price', path: '["request"][0]["calc_price"]' },
        { name: 'hotel', path: 'request[0].services[0].hotel' },
        { name: 'tourists', path: '$.request[0].tourists[*].u_name' },
        { name: 'date_close', path: '["request"][0]["dat_close"]' },
        { name: 'channel', path: '["request"][0]["extended_fields"][0]["value"]' },
      ],
    });
    const outcome = await executor.execute(parse, contextWith(testScope(fetched)));
    expect(outcome.output).toEqual({
      client_name: 'Алексей',
      phone: '+79270000000',
      price: 150000,
      hotel: 'Hilton',
      tourists: 'Алексей',
      date_close: null,
      channel: 'Соцсети',
    });
    expect(outcome.input).toEqual({ input: uonRequestFixture, fields: parse.settings.fields });
    expect(outcome.unresolved).toEqual([]);
  });

  it('uses a default for a missing or null value', async () => {
    const outcome = await executor.execute(
      action({
        input: '{{fetch_request.body}}',
        fields: [
          { name: 'closed', path: '["request"][0]["date_close"]', default: 'open' },
          { name: 'nothing', path: 'request[0].absent', default: 0 },
        ],
      }),
      contextWith(testScope(fetched)),
    );
    expect(outcome.output).toEqual({ closed: 'open', nothing: 0 });
  });

  it('parses text that holds JSON', async () => {
    const outcome = await executor.execute(
      action({ input: '{{event.body.data}}', fields: [{ name: 'id', path: 'request[0].id' }] }),
      contextWith(testScope({ event: { method: 'POST', query: {}, headers: {}, body: { data: JSON.stringify(uonRequestFixture) } } })),
    );
    expect(outcome.output).toEqual({ id: 61 });
    expect((outcome.input as { input: unknown }).input).toEqual(uonRequestFixture);
  });

  it('fails on text that is not JSON', async () => {
    const failure = await failureOf(
      executor.execute(
        action({ input: '{{fetch_request.body}}', fields: [{ name: 'id', path: 'id' }] }),
        contextWith(testScope({ fetch_request: { body: '<html>Bad gateway</html>' } })),
      ),
    );
    expect(failure.code).toBe('invalid_json');
    expect(failure.message).toBe(
      'The input is not valid JSON (unexpected "<" where a value was expected at line 1, column 1): <html>Bad gateway</html>',
    );
    expect(failure.details).toEqual({ input: { input: '<html>Bad gateway</html>', fields: [{ name: 'id', path: 'id', required: false, cast: 'none' }] } });
  });

  it('fails on a missing required field, naming the keys that are there', async () => {
    const failure = await failureOf(
      executor.execute(
        action({
          input: '{{fetch_request.body}}',
          fields: [{ name: 'client_name', path: '["request"][0]["dat_close"]', required: true }],
        }),
        contextWith(testScope(fetched)),
      ),
    );
    expect(failure.code).toBe('missing_field');
    expect(failure.message).toMatch(
      /^Field client_name: nothing at path \["request"\]\[0\]\["dat_close"\]; keys present there: id, id_system, dat, dat_lead, date_close, .*, …  ?\(did you mean "date_close"\?\)$/,
    );
  });

  it('fails on a required field that is null', async () => {
    const failure = await failureOf(
      executor.execute(
        action({ input: '{{fetch_request.body}}', fields: [{ name: 'closed', path: 'request[0].date_close', required: true }] }),
        contextWith(testScope(fetched)),
      ),
    );
    expect(failure.message).toBe('Field closed: the value at path request[0].date_close is empty (null)');
  });

  it('reports an input reference that points nowhere and gives nulls', async () => {
    const outcome = await executor.execute(
      action({ input: '{{fetch_request.body}}', fields: [{ name: 'id', path: 'request[0].id' }] }),
      contextWith(testScope()),
    );
    expect(outcome.output).toEqual({ id: null });
    expect(outcome.unresolved).toEqual(['fetch_request.body']);
  });
});
