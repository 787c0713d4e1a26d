import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ActionOf, httpRequestActionSchema } from '@provod/contracts';
import { MASK, StepFailure, type StepOutcome } from '@provod/engine';
import iconv from 'iconv-lite';
import { contextWith, FakeHttp, jsonResponse, testScope, failureOf } from '../__tests__/test-context';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { HttpRequestExecutor } from './http-request.executor';
import { UndiciHttpClient } from './undici-http-client';

const executor = new HttpRequestExecutor();

function action(settings: Record<string, unknown>): ActionOf<'http_request'> {
  return httpRequestActionSchema.parse({ id: 'a1', key: 'fetch_request', name: 'Fetch request', type: 'http_request', settings });
}

/** Writes carry an idempotency key by default: 32 hex characters derived from operation and step. */
const KEY = expect.stringMatching(/^[0-9a-f]{32}$/) as unknown as string;

const uonGet = action({ url: 'https://api.u-on.ru/{{secrets.UON_KEY}}/request/{{source.r_id}}.json' });

describe('HttpRequestExecutor', () => {
  it('fetches a U-ON request and parses its JSON', async () => {
    const http = new FakeHttp(() => jsonResponse(uonRequestFixture));
    const outcome = await executor.execute(uonGet, contextWith(testScope(), http));
    expect(http.sent).toEqual([
      {
        method: 'GET',
        url: 'https://api.u-on.ru/KEY/request/61.json',
        headers: {},
        timeoutMs: 30_000,
        maxResponseBytes: 10 * 1024 * 1024,
        connectTimeoutMs: 10_000,
        maxRedirects: 5,
      },
    ]);
    expect(outcome).toEqual<StepOutcome>({
      input: { method: 'GET', url: 'https://api.u-on.ru/KEY/request/61.json', headers: {} },
      output: { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: uonRequestFixture },
      unresolved: [],
    });
  });

  it('keeps a hostile id inside one path segment', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    await executor.execute(uonGet, contextWith(testScope({ source: { r_id: '1/../admin?x' } }), http));
    const sentUrl = new URL(http.sent[0]?.url ?? '');
    expect(sentUrl.host).toBe('api.u-on.ru');
    expect(sentUrl.pathname).toBe('/KEY/request/1%2F..%2Fadmin%3Fx.json');
    expect(sentUrl.search).toBe('');
  });

  it('refuses an address whose path an inserted value turns into ".."', async () => {
    const failure = await failureOf(
      executor.execute(action({ url: 'https://api.test/a/{{source.r_id}}/b' }), contextWith(testScope({ source: { r_id: '..' } }))),
    );
    expect(failure.code).toBe('invalid_url');
    expect((failure.details as { input: { url: string } }).input.url).toBe('https://api.test/a/../b');
  });

  it('reports references that did not resolve', async () => {
    const outcome = await executor.execute(
      action({ url: 'https://api.test/{{event.nope}}', headers: [{ name: 'X-A', value: '{{secrets.MISSING}}' }] }),
      contextWith(testScope(), new FakeHttp(() => jsonResponse({}))),
    );
    expect(outcome.unresolved).toEqual(['event.nope', 'secrets.MISSING']);
  });

  it('appends query pairs encoded, after the query already written', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    const outcome = await executor.execute(
      action({
        url: 'https://api.test/find?fixed=a%20b#frag',
        query: [
          { name: 'q', value: 'Пётр & Co' },
          { name: 'id', value: '{{source.r_id}}' },
        ],
      }),
      contextWith(testScope(), http),
    );
    expect(http.sent[0]?.url).toBe('https://api.test/find?fixed=a%20b&q=%D0%9F%D1%91%D1%82%D1%80+%26+Co&id=61#frag');
    expect((outcome.input as { query: unknown }).query).toEqual([
      { name: 'q', value: 'Пётр & Co' },
      { name: 'id', value: '61' },
    ]);
  });

  it('sends a JSON body whose inserted text has quotes, line breaks, Cyrillic and emoji', async () => {
    const name = 'Алексей "Лёша" \\ O\'Neil\nвторая строка 😀 {{secrets.UON_KEY}}';
    const http = new FakeHttp(() => jsonResponse({ ok: true }));
    const outcome = await executor.execute(
      action({
        method: 'POST',
        url: 'https://crm.test/leads',
        headers: [{ name: 'Authorization', value: 'Bearer {{secrets.UON_KEY}}' }],
        body: { mode: 'json', template: '{"name":"{{fields.client_name}}","price":"{{fields.price}}","note":"from {{fields.client_name}}"}' },
      }),
      contextWith(testScope({ fields: { client_name: name, price: 150000 } }), http),
    );
    const sent = http.sent[0];
    expect(sent?.headers).toEqual({ Authorization: 'Bearer KEY', 'content-type': 'application/json; charset=utf-8', 'Idempotency-Key': KEY });
    expect(JSON.parse(String(sent?.body))).toEqual({ name, price: 150000, note: `from ${name}` });
    expect((outcome.input as { body: unknown }).body).toEqual({ name, price: 150000, note: `from ${name}` });
  });

  it('keeps a content type set by a header', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    await executor.execute(
      action({
        method: 'POST',
        url: 'https://crm.test/x',
        headers: [{ name: 'Content-Type', value: 'application/vnd.api+json' }],
        body: { mode: 'json', template: '{}' },
      }),
      contextWith(testScope(), http),
    );
    expect(http.sent[0]?.headers).toEqual({ 'Content-Type': 'application/vnd.api+json', 'Idempotency-Key': KEY });
  });

  it('sends form and raw bodies', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    await executor.execute(
      action({
        method: 'POST',
        url: 'https://crm.test/form',
        body: { mode: 'form', fields: [{ name: 'client[name]', value: 'Анна & Co' }, { name: 'id', value: '{{source.r_id}}' }] },
      }),
      contextWith(testScope(), http),
    );
    expect(http.sent[0]?.body).toBe('client%5Bname%5D=%D0%90%D0%BD%D0%BD%D0%B0+%26+Co&id=61');
    expect(http.sent[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');

    await executor.execute(
      action({ method: 'PUT', url: 'https://crm.test/raw', body: { mode: 'raw', contentType: 'text/xml', text: '<id>{{source.r_id}}</id>' } }),
      contextWith(testScope(), http),
    );
    expect(http.sent[1]?.body).toBe('<id>61</id>');
    expect(http.sent[1]?.headers['content-type']).toBe('text/xml');
  });

  it('fails on a status outside 2xx with the status, headers and body', async () => {
    const http = new FakeHttp(() => jsonResponse({ message: 'Request not found' }, 404));
    const failure = await failureOf(executor.execute(uonGet, contextWith(testScope(), http)));
    expect(failure.code).toBe('http_status');
    expect(failure.message).toBe('The server api.u-on.ru answered 404 Not Found: Request not found');
    expect(failure.details).toEqual({
      url: 'https://api.u-on.ru/KEY/request/61.json',
      host: 'api.u-on.ru',
      secret: 'UON_KEY',
      status: 404,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: { message: 'Request not found' },
      input: { method: 'GET', url: 'https://api.u-on.ru/KEY/request/61.json', headers: {} },
    });
  });

  it('accepts the statuses it is told to', async () => {
    const http = new FakeHttp(() => jsonResponse({ error: 'none' }, 404));
    const outcome = await executor.execute(
      action({ url: 'https://api.test/x', acceptStatuses: [404] }),
      contextWith(testScope(), http),
    );
    expect(outcome.output).toEqual({ status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: { error: 'none' } });
  });

  it('returns a redirect as a failure unless accepted', async () => {
    const http = new FakeHttp(() => ({ status: 302, headers: { Location: '/x' }, body: Buffer.alloc(0) }));
    const failure = await failureOf(executor.execute(action({ url: 'https://api.test/' }), contextWith(testScope(), http)));
    expect(failure.message).toBe('The server api.test answered 302 Found');
    expect((failure.details as { headers: unknown }).headers).toEqual({ location: '/x' });
  });

  it('fails with invalid_response_json when declared JSON does not parse', async () => {
    const http = new FakeHttp(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('<html>Service unavailable</html>'),
    }));
    const failure = await failureOf(executor.execute(uonGet, contextWith(testScope(), http)));
    expect(failure.code).toBe('invalid_response_json');
    expect(failure.message).toBe('The response said it is JSON but is not valid JSON: <html>Service unavailable</html>');
  });

  it('fails with response_too_deep on absurdly nested JSON instead of crashing the worker later', async () => {
    const http = new FakeHttp(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)),
    }));
    const failure = await failureOf(executor.execute(uonGet, contextWith(testScope(), http)));
    expect(failure.code).toBe('response_too_deep');
    expect(failure.message).toMatch(/nested more than 256 levels/);
  });

  it.each([
    ['text/plain', '{"a":1}', { a: 1 }],
    [undefined, '[1,2]', [1, 2]],
    ['text/plain', '{not json}', '{not json}'],
    ['text/html', '<p>hi</p>', '<p>hi</p>'],
    ['application/x-www-form-urlencoded', 'a=1&b[c]=2&list[]=x&list[]=y', { a: '1', b: { c: '2' }, list: ['x', 'y'] }],
    ['application/problem+json', '{"title":"x"}', { title: 'x' }],
    ['application/json', '', null],
  ])('reads a %s body', async (contentType, text, expected) => {
    const http = new FakeHttp(() => ({
      status: 200,
      headers: contentType ? { 'Content-Type': contentType } : ({} as Record<string, string>),
      body: Buffer.from(text),
    }));
    const outcome = await executor.execute(uonGet, contextWith(testScope(), http));
    expect((outcome.output as { body: unknown }).body).toEqual(expected);
  });

  it('decodes the charset the response names', async () => {
    const http = new FakeHttp(() => ({
      status: 200,
      headers: { 'content-type': 'application/json; charset="windows-1251"' },
      body: iconv.encode('{"name":"Алексей"}', 'windows-1251'),
    }));
    const outcome = await executor.execute(uonGet, contextWith(testScope(), http));
    expect((outcome.output as { body: unknown }).body).toEqual({ name: 'Алексей' });

    const koi = new FakeHttp(() => ({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=koi8-r' },
      body: iconv.encode('Привет', 'koi8-r'),
    }));
    expect(((await executor.execute(uonGet, contextWith(testScope(), koi))).output as { body: unknown }).body).toBe('Привет');
  });

  it('adds the input to failures from the transport', async () => {
    const http = new FakeHttp(async () => {
      const { StepFailure } = await import('@provod/engine');
      throw new StepFailure('timeout', 'api.u-on.ru did not answer within 30 s', { cause: 'TimeoutError' });
    });
    const failure = await failureOf(executor.execute(uonGet, contextWith(testScope(), http)));
    expect(failure.code).toBe('timeout');
    expect(failure.details).toEqual({
      url: 'https://api.u-on.ru/KEY/request/61.json',
      host: 'api.u-on.ru',
      secret: 'UON_KEY',
      cause: 'TimeoutError',
      input: { method: 'GET', url: 'https://api.u-on.ru/KEY/request/61.json', headers: {} },
    });
  });

  it.each([
    ['ftp://files.test/x', 'The address must start with http:// or https://, not ftp://'],
    ['not a url {{source.r_id}}', 'The address "not a url 61" is not a valid URL'],
  ])('refuses %s', async (url, message) => {
    const failure = await failureOf(executor.execute(action({ url }), contextWith(testScope())));
    expect(failure.code).toBe('invalid_url');
    expect(failure.message).toBe(message);
  });

  it('refuses header values that would break the request', async () => {
    const failure = await failureOf(
      executor.execute(
        action({ url: 'https://api.test/', headers: [{ name: 'X-Name', value: '{{fields.name}}' }] }),
        contextWith(testScope({ fields: { name: 'a\r\nX-Injected: 1' } })),
      ),
    );
    expect(failure.code).toBe('invalid_header');
    expect((failure.details as { input: { url: string } }).input.url).toBe('https://api.test/');
  });

  it('names a broken template with the input rendered so far', async () => {
    const failure = await failureOf(
      executor.execute(
        action({ method: 'POST', url: 'https://api.test/', body: { mode: 'json', template: '{"a": }' } }),
        contextWith(testScope()),
      ),
    );
    expect(failure.code).toBe('invalid_template');
    expect(failure.details).toEqual({ input: { method: 'POST', url: 'https://api.test/', headers: { 'Idempotency-Key': KEY } } });
  });
});

describe('HttpRequestExecutor auth, retries and delivery', () => {
  const secrets = { UON_KEY: 'KEY', ENVYBOX_KEY: 'envy-secret', USER: 'agency', PASS: 'пароль:1' };
  const scope = () => testScope({ secrets });

  it.each([
    [
      { type: 'basic', username: '{{secrets.USER}}', password: '{{secrets.PASS}}' },
      { Authorization: `Basic ${Buffer.from('agency:пароль:1', 'utf8').toString('base64')}` },
    ],
    [{ type: 'bearer', token: ' {{secrets.ENVYBOX_KEY}} ' }, { Authorization: 'Bearer envy-secret' }],
    [{ type: 'api_key', in: 'header', name: 'X-Api-Key', value: '{{secrets.ENVYBOX_KEY}}' }, { 'X-Api-Key': 'envy-secret' }],
  ])('sends %j credentials and shows them masked', async (auth, sent) => {
    const http = new FakeHttp(() => jsonResponse({}));
    const outcome = await executor.execute(action({ url: 'https://crm.test/x', auth }), contextWith(scope(), http));
    expect(http.sent[0]?.headers).toEqual(sent);
    const [name] = Object.keys(sent);
    expect((outcome.input as { headers: unknown }).headers).toEqual({ [name ?? '']: MASK });
  });

  it('puts an API key in the query, masked in the recorded URL and query', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    const outcome = await executor.execute(
      action({
        method: 'POST',
        url: 'https://acc.envycrm.com/openapi/v1/lead/set/#top',
        query: [{ name: 'tag', value: 'u-on' }],
        auth: { type: 'api_key', in: 'query', name: 'api_key', value: '{{secrets.ENVYBOX_KEY}}' },
      }),
      contextWith(scope(), http),
    );
    expect(http.sent[0]?.url).toBe('https://acc.envycrm.com/openapi/v1/lead/set/?tag=u-on&api_key=envy-secret#top');
    expect(outcome.input).toMatchObject({
      url: `https://acc.envycrm.com/openapi/v1/lead/set/?tag=u-on&api_key=${MASK}#top`,
      query: [
        { name: 'tag', value: 'u-on' },
        { name: 'api_key', value: MASK },
      ],
    });
  });

  it('masks an Authorization header written by hand, and lets the auth setting replace it', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    const outcome = await executor.execute(
      action({ url: 'https://crm.test/x', headers: [{ name: 'authorization', value: 'Token typed-in' }, { name: 'X-A', value: '1' }] }),
      contextWith(scope(), http),
    );
    expect(http.sent[0]?.headers).toEqual({ authorization: 'Token typed-in', 'X-A': '1' });
    expect((outcome.input as { headers: unknown }).headers).toEqual({ authorization: MASK, 'X-A': '1' });

    await executor.execute(
      action({ url: 'https://crm.test/x', headers: [{ name: 'authorization', value: 'Token typed-in' }], auth: { type: 'bearer', token: 't' } }),
      contextWith(scope(), http),
    );
    expect(http.sent[1]?.headers).toEqual({ Authorization: 'Bearer t' });
  });

  it('refuses a basic user name with ":" and a token with a line break', async () => {
    const basic = await failureOf(
      executor.execute(action({ url: 'https://crm.test/', auth: { type: 'basic', username: 'a:b', password: 'p' } }), contextWith(scope())),
    );
    expect(basic.code).toBe('invalid_auth');
    const bearer = await failureOf(
      executor.execute(
        action({ url: 'https://crm.test/', auth: { type: 'bearer', token: '{{fields.t}}' } }),
        contextWith(testScope({ fields: { t: 'a\nb' } })),
      ),
    );
    expect(bearer.code).toBe('invalid_header');
  });

  it('passes the transport limits from the settings', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    await executor.execute(
      action({
        url: 'https://crm.test/x',
        timeoutMs: 5000,
        connectTimeoutMs: 2000,
        maxResponseBytes: 4096,
        maxRedirects: 2,
        auth: { type: 'api_key', in: 'header', name: 'X-Key', value: 'k' },
      }),
      contextWith(scope(), http),
    );
    await executor.execute(action({ url: 'https://crm.test/x', followRedirects: false }), contextWith(scope(), http));
    expect(http.sent[0]).toMatchObject({ timeoutMs: 5000, connectTimeoutMs: 2000, maxResponseBytes: 4096, maxRedirects: 2, credentialHeaders: ['X-Key'] });
    expect(http.sent[1]).not.toHaveProperty('maxRedirects');
  });

  it.each([
    [503, {}, { retryable: true }],
    [500, { 'retry-after': '120' }, { retryable: true, retryAfterMs: 120_000 }],
    [429, { 'retry-after': '86400' }, { retryable: true, retryAfterMs: 300_000 }],
    [408, { 'retry-after': 'soon' }, { retryable: true }],
    [404, { 'retry-after': '5' }, { retryable: false }],
    [400, {}, { retryable: false }],
    [409, {}, { retryable: true }],
  ])('classifies a %d answer for retrying', async (status, headers, retry) => {
    const http = new FakeHttp(() => ({ status, headers: { 'content-type': 'text/plain', ...headers }, body: Buffer.from('busy') }));
    const failure = await failureOf(
      executor.execute(action({ url: 'https://crm.test/x', retry: { extraStatuses: [409] } }), contextWith(scope(), http)),
    );
    expect(failure.code).toBe('http_status');
    expect(failure.retry).toEqual(retry);
  });

  it('reads a Retry-After date', async () => {
    const at = new Date(Date.now() + 60_000).toUTCString();
    const http = new FakeHttp(() => ({ status: 503, headers: { 'retry-after': at }, body: Buffer.alloc(0) }));
    const failure = await failureOf(executor.execute(action({ url: 'https://crm.test/x' }), contextWith(scope(), http)));
    expect(failure.retry.retryAfterMs).toBeGreaterThan(55_000);
    expect(failure.retry.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('keeps the retry hint of a transport failure', async () => {
    const http = new FakeHttp(() => {
      throw new StepFailure('timeout', 'crm.test did not answer within 30 s', { cause: 'TimeoutError' }, { retryable: true });
    });
    const failure = await failureOf(executor.execute(action({ url: 'https://crm.test/x' }), contextWith(scope(), http)));
    expect(failure.retry).toEqual({ retryable: true });
    expect(failure.details).toMatchObject({ input: { url: 'https://crm.test/x' } });
  });

  it('sends an idempotency key that is the same on every try of the step', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    const send = action({ method: 'POST', url: 'https://crm.test/leads', idempotencyKey: { enabled: true } });
    const custom = action({ method: 'POST', url: 'https://crm.test/leads', idempotencyKey: { enabled: true, header: 'X-Request-Id' } });
    const outcome = await executor.execute(send, contextWith(scope(), http));
    await executor.execute(send, contextWith(scope(), http));
    await executor.execute(send, { ...contextWith(scope(), http), operationId: 'op-2' });
    await executor.execute({ ...send, id: 'a2' }, contextWith(scope(), http));
    await executor.execute(custom, contextWith(scope(), http));
    const keys = http.sent.map((sent) => sent.headers['Idempotency-Key'] ?? sent.headers['X-Request-Id']);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(new Set(keys.slice(0, 4)).size).toBe(3);
    expect(keys[4]).toBe(keys[0]);
    expect((outcome.input as { headers: unknown }).headers).toEqual({ 'Idempotency-Key': keys[0] });
  });

  it('leaves an idempotency header set by hand as it is', async () => {
    const http = new FakeHttp(() => jsonResponse({}));
    await executor.execute(
      action({
        method: 'POST',
        url: 'https://crm.test/leads',
        headers: [{ name: 'idempotency-key', value: 'lead-{{source.r_id}}' }],
        idempotencyKey: { enabled: true },
      }),
      contextWith(scope(), http),
    );
    expect(http.sent[0]?.headers).toEqual({ 'idempotency-key': 'lead-61' });
  });

  it('waits for the rate limiter before each request, keyed by origin and step', async () => {
    const events: string[] = [];
    const http = new FakeHttp(() => {
      events.push('send');
      return jsonResponse({});
    });
    const rateLimiter = {
      acquire: async (key: string, perSecond: number) => {
        events.push(`acquire ${key} ${perSecond}`);
      },
    };
    const limited = action({ url: 'https://api.u-on.ru/{{secrets.UON_KEY}}/request/61.json', rateLimitPerSecond: 10 });
    await executor.execute(limited, { ...contextWith(scope(), http), rateLimiter });
    await executor.execute(limited, { ...contextWith(scope(), http), rateLimiter });
    await executor.execute(action({ url: 'https://crm.test/' }), { ...contextWith(scope(), http), rateLimiter });
    expect(events).toEqual(['acquire https://api.u-on.ru a1 10', 'send', 'acquire https://api.u-on.ru a1 10', 'send', 'send']);
  });

  it('describes rather than sends a write in a test run', async () => {
    const http = new FakeHttp(() => jsonResponse({ id: 1 }));
    const post = action({
      method: 'POST',
      url: 'https://crm.test/leads',
      auth: { type: 'bearer', token: '{{secrets.ENVYBOX_KEY}}' },
      body: { mode: 'json', template: '{"name":"{{source.r_id}}"}' },
    });
    const outcome = await executor.execute(post, { ...contextWith(scope(), http), dryRunWrites: true });
    const request = {
      method: 'POST',
      url: 'https://crm.test/leads',
      headers: { Authorization: MASK, 'content-type': 'application/json; charset=utf-8', 'Idempotency-Key': KEY },
      body: { name: '61' },
    };
    expect(http.sent).toEqual([]);
    expect(outcome).toEqual({ input: request, output: { skipped: true, reason: 'not sent in a test run', request }, unresolved: [] });

    const read = await executor.execute(action({ url: 'https://crm.test/leads/1' }), { ...contextWith(scope(), http), dryRunWrites: true });
    expect(http.sent).toHaveLength(1);
    expect((read.output as { body: unknown }).body).toEqual({ id: 1 });
  });
});

describe('HttpRequestExecutor over a real connection', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/cp1251') {
        res.writeHead(200, { 'Content-Type': 'text/plain; charset=windows-1251' });
        res.end(iconv.encode('Документы выданы', 'windows-1251'));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(uonRequestFixture));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, 'close');
  });

  afterAll(() => client.close());
  const client = new UndiciHttpClient({ allowList: ['127.0.0.1/32'] });

  it('reads JSON and windows-1251 text', async () => {
    const json = await executor.execute(action({ url: `${base}/{{secrets.UON_KEY}}/request/{{source.r_id}}.json` }), contextWith(testScope(), client));
    expect((json.output as { body: unknown }).body).toEqual(uonRequestFixture);
    const text = await executor.execute(action({ url: `${base}/cp1251` }), contextWith(testScope(), client));
    expect((text.output as { body: unknown }).body).toBe('Документы выданы');
  });
});
