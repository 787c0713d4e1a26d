import { type ActionOf, jsonParserActionSchema } from '@provod/contracts';
import { isStepFailure } from '@provod/engine';
import fc from 'fast-check';
import { contextWith, testScope, failureOf } from '../__tests__/test-context';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { JsonParserExecutor } from './json-parser.executor';

const executor = new JsonParserExecutor();

function action(settings: Record<string, unknown>): ActionOf<'json_parser'> {
  return jsonParserActionSchema.parse({ id: 'p1', key: 'fields', name: 'Parse request', type: 'json_parser', settings });
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
    expect(failure.code).toBe('invalid_input_json');
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

describe('JsonParserExecutor casts', () => {
  const data = {
    request: [
      {
        id: 61,
        calc_price: '150 000,50',
        phone: '',
        vip: 'да',
        archived: '0',
        meta: '{"channel":"Соцсети"}',
        services: [
          { id: 501, price: '150000', country: 'Турция' },
          { id: 502, price: '2 500', country: 'Египет' },
        ],
        tags: ['sea', 'vip'],
      },
    ],
  };
  const scope = () => testScope({ fetch_request: { body: data } });
  const parse = (fields: Array<Record<string, unknown>>) =>
    executor.execute(action({ input: '{{fetch_request.body}}', fields }), contextWith(scope()));

  it('converts found values to the type asked for', async () => {
    const outcome = await parse([
      { name: 'price', path: 'request[0].calc_price', cast: 'number' },
      { name: 'id', path: 'request[0].id', cast: 'string' },
      { name: 'vip', path: 'request[0].vip', cast: 'boolean' },
      { name: 'archived', path: 'request[0].archived', cast: 'boolean' },
      { name: 'meta', path: 'request[0].meta', cast: 'json' },
      { name: 'tags', path: 'request[0].tags', cast: 'string' },
      { name: 'untouched', path: 'request[0].calc_price', cast: 'none' },
    ]);
    expect(outcome.output).toEqual({
      price: 150000.5,
      id: '61',
      vip: true,
      archived: false,
      meta: { channel: 'Соцсети' },
      tags: '["sea","vip"]',
      untouched: '150 000,50',
    });
  });

  it('converts what a wildcard collected one by one', async () => {
    const outcome = await parse([
      { name: 'prices', path: '$.request[*].services[*].price', cast: 'number' },
      { name: 'ids', path: '$.request[0].services[*].id', cast: 'string' },
      { name: 'country', path: '$.request[*].services[0].country', cast: 'string' },
    ]);
    expect(outcome.output).toEqual({ prices: [150000, 2500], ids: ['501', '502'], country: 'Турция' });
  });

  it('treats empty text as missing for number, so the default applies, cast as well', async () => {
    const outcome = await parse([
      { name: 'phone', path: 'request[0].phone', cast: 'number' },
      { name: 'phone_or_zero', path: 'request[0].phone', cast: 'number', default: '0' },
      { name: 'phone_text', path: 'request[0].phone', cast: 'string', default: 'none' },
      { name: 'missing', path: 'request[0].nope', cast: 'boolean', default: 'нет' },
    ]);
    expect(outcome.output).toEqual({ phone: null, phone_or_zero: 0, phone_text: '', missing: false });
  });

  it('fails a required field whose text is empty', async () => {
    const failure = await failureOf(parse([{ name: 'phone', path: 'request[0].phone', cast: 'number', required: true }]));
    expect(failure.code).toBe('missing_field');
    expect(failure.message).toBe('Field phone: the value at path request[0].phone is empty text');
  });

  it.each([
    [{ name: 'country', path: 'request[0].services[0].country', cast: 'number' }, 'Field country: the value "Турция" is not a number'],
    [{ name: 'countries', path: '$.request[0].services[*].country', cast: 'number' }, 'Field countries: the value "Турция" (item 1) is not a number'],
    [{ name: 'services', path: 'request[0].services', cast: 'number' }, 'Field services: the value [a list of 2] is not a number'],
    [{ name: 'flag', path: 'request[0].services[0].country', cast: 'boolean' }, 'Field flag: the value "Турция" is neither yes nor no (true/false, 1/0, да/нет)'],
    [{ name: 'meta', path: 'request[0].vip', cast: 'json' }, /^Field meta: the value "да" is not valid JSON \(.+\)$/],
  ])('names the field and value it cannot convert: %j', async (field, message) => {
    const failure = await failureOf(parse([field]));
    expect(failure.code).toBe('cast_failed');
    expect(failure.message).toMatch(message);
    expect(failure.details).toMatchObject({ field: field.name, path: field.path, input: { input: data } });
  });

  it('refuses input nested beyond the limit without keeping it in the record', async () => {
    const depth = 50_000;
    const deep = '['.repeat(depth) + ']'.repeat(depth);
    const failure = await failureOf(
      executor.execute(
        action({ input: '{{event.body}}', fields: [{ name: 'x', path: '[0][0]', cast: 'string' }] }),
        contextWith(testScope({ event: { method: 'POST', query: {}, headers: {}, body: deep } })),
      ),
    );
    expect(failure.code).toBe('input_too_deep');
    expect((failure.details as { input: { input: unknown } }).input.input).toBe('(nested more than 1000 levels deep; not recorded)');
  });

  it('refuses fields that together would be huge', async () => {
    const big = { text: 'x'.repeat(3 * 1024 * 1024) };
    const failure = await failureOf(
      executor.execute(
        action({ input: '{{big}}', fields: ['a', 'b', 'c', 'd'].map((name) => ({ name, path: '$' })) }),
        contextWith(testScope({ big })),
      ),
    );
    expect(failure.code).toBe('output_too_large');
  });
});

describe('JsonParserExecutor on arbitrary data', () => {
  const casts = ['none', 'string', 'number', 'boolean', 'json'] as const;
  const pathText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('$..*', '$.a[*]', '$[0]', '$..a..b', '$.*.*', '[0]', 'a.b[0]', '["a"]["b"]', '$[?(@.a)]', '$..[-1:]'),
    fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.nat(5)), { minLength: 1, maxLength: 5 }).map((segments) =>
      segments.map((s) => (typeof s === 'number' ? `[${s}]` : `[${JSON.stringify(s)}]`)).join(''),
    ),
  );

  it('only ever fails with StepFailure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.json({ maxDepth: 4 }), fc.string()),
        fc.array(fc.record({ path: pathText, cast: fc.constantFrom(...casts), required: fc.boolean(), default: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        async (input, fields) => {
          const parse = {
            id: 'p1',
            key: 'fields',
            name: 'Parse',
            type: 'json_parser' as const,
            settings: { input: '{{input}}', fields: fields.map((f, i) => ({ ...f, name: `f${i}` })) },
          };
          try {
            await executor.execute(parse, contextWith(testScope({ input })));
          } catch (error) {
            expect(isStepFailure(error)).toBe(true);
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('masks a secret in the invalid-JSON preview before cutting it', async () => {
    const key = 'ENVY-0123456789abcdef-XYZ';
    for (const at of [180, 190, 195, 199]) {
      const scope = testScope({ secrets: { ENVY: key }, fetch_request: { body: `${'x'.repeat(at)}${key} not json` } });
      const failure = await failureOf(executor.execute(action({ input: '{{fetch_request.body}}', fields: [] }), contextWith(scope)));
      expect(failure.code).toBe('invalid_input_json');
      expect(failure.message).not.toContain(key.slice(0, 4));
    }
  });

  it('masks a secret in a cast failure before cutting the value', async () => {
    const key = 'ENVY-0123456789abcdef-XYZ';
    const scope = testScope({ secrets: { ENVY: key }, data: { price: `${'1'.repeat(56)}${key}` } });
    const parse = action({ input: '{{data}}', fields: [{ name: 'price', path: 'price', cast: 'number' }] });
    const failure = await failureOf(executor.execute(parse, contextWith(scope)));
    expect(failure.code).toBe('cast_failed');
    expect(failure.message).not.toContain(key.slice(0, 4));
  });

  it('reads a hostile number at once', async () => {
    const scope = testScope({ data: { price: `${'1'.repeat(1_000_000)}x` } });
    const parse = action({ input: '{{data}}', fields: [{ name: 'price', path: 'price', cast: 'number' }] });
    const started = performance.now();
    const failure = await failureOf(executor.execute(parse, contextWith(scope)));
    process.stdout.write(`cast number of "1"×1 000 000 + "x": ${(performance.now() - started).toFixed(1)} ms\n`);
    expect(failure.code).toBe('cast_failed');
  });
});
