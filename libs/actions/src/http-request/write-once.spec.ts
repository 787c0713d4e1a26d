import { type ActionOf, httpRequestActionSchema, type HttpRequestOutput } from '@provod/contracts';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { contextWith, failureOf, testScope } from '../__tests__/test-context';
import { HttpRequestExecutor } from './http-request.executor';
import { UndiciHttpClient } from './undici-http-client';

/**
 * Against a real local server: a write the server has answered is never sent again, and one that
 * may have reached it is not repeated blindly.
 */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let handler: Handler = (_req, res) => res.end();
let seen: Array<{ method?: string; headers: http.IncomingHttpHeaders }> = [];
const timers: NodeJS.Timeout[] = [];
const client = new UndiciHttpClient({ allowList: ['127.0.0.1/32'] });
const sut = new HttpRequestExecutor();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers });
      handler(req, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  seen = [];
});
afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer);
});
afterAll(async () => {
  await client.close();
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

function action(settings: Record<string, unknown>): ActionOf<'http_request'> {
  return httpRequestActionSchema.parse({ id: 'a-lead', key: 'create_lead', name: 'Create lead', type: 'http_request', settings });
}

/** Status and headers at once, then one byte a second, forever: the dribble that used to get 4 POSTs. */
const dribble: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{');
  timers.push(setInterval(() => res.write(' '), 1_000));
};

const run = (settings: Record<string, unknown>) => sut.execute(action(settings), { ...contextWith(testScope(), client), operationId: 'op-7' });

describe('writes that reached the server', () => {
  it('a POST answered 200 whose body dribbles succeeds with what arrived, marked as cut, and is sent once', async () => {
    handler = dribble;
    const outcome = await run({ method: 'POST', url: `${base}/lead`, timeoutMs: 1_500 });
    const output = outcome.output as HttpRequestOutput;
    expect(output.status).toBe(200);
    expect(output.bodyIncomplete).toEqual({ reason: 'timeout', receivedBytes: expect.any(Number) });
    expect(output.bodyIncomplete?.receivedBytes).toBeGreaterThanOrEqual(1);
    expect(typeof output.body).toBe('string');
    expect(seen).toHaveLength(1);
  });

  it('a POST answered 200 whose connection drops mid-body succeeds, marked as cut', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
      setTimeout(() => res.destroy(), 50);
    };
    const output = (await run({ method: 'POST', url: `${base}/lead` })).output as HttpRequestOutput;
    expect(output.bodyIncomplete).toEqual({ reason: 'connection_closed', receivedBytes: 6 });
    expect(output.body).toBe('{"id":');
  });

  it('a GET whose body dribbles fails as a timeout worth retrying: reading again changes nothing', async () => {
    handler = dribble;
    const failure = await failureOf(run({ method: 'GET', url: `${base}/request`, timeoutMs: 1_500 }));
    expect(failure.code).toBe('timeout');
    expect(failure.retry.retryable).toBe(true);
  });

  it('a POST with no answer in time is not retried: it may have reached the server', async () => {
    handler = () => undefined; // takes the request and never answers
    const failure = await failureOf(run({ method: 'POST', url: `${base}/lead`, timeoutMs: 800 }));
    expect(failure.code).toBe('write_outcome_unknown');
    expect(failure.retry.retryable).toBe(false);
    expect(failure.message).toMatch(/did not answer within 0\.8 s\. The request may have reached the server/);
    expect(failure.details).toMatchObject({ failure: 'timeout', host: expect.stringContaining('127.0.0.1') });
  });

  it('the same POST is retried when the step opts in to retrying writes on timeout', async () => {
    handler = () => undefined;
    const failure = await failureOf(run({ method: 'PUT', url: `${base}/lead`, timeoutMs: 800, retryWritesOnTimeout: true }));
    expect(failure.code).toBe('timeout');
    expect(failure.retry.retryable).toBe(true);
  });

  it('a POST whose connection was refused is retried: it provably never left', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const failure = await failureOf(run({ method: 'POST', url: `http://127.0.0.1:${port}/lead` }));
    expect(failure.code).toBe('network');
    expect(failure.retry.retryable).toBe(true);
  });

  it('a POST answered 503 is retried: the server said it did not do it', async () => {
    handler = (_req, res) => {
      res.writeHead(503, { 'retry-after': '3' });
      res.end();
    };
    const failure = await failureOf(run({ method: 'POST', url: `${base}/lead` }));
    expect(failure.code).toBe('http_status');
    expect(failure.retry).toEqual({ retryable: true, retryAfterMs: 3_000 });
  });
});

describe('the Idempotency-Key header', () => {
  beforeEach(() => {
    handler = (_req, res) => res.end('{}');
  });

  it('goes with every write by default, the same on each try of the step, and never with a GET', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'POST']) await run({ method, url: `${base}/lead` });
    await run({ method: 'GET', url: `${base}/lead` });
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys.slice(0, 5).every((key) => typeof key === 'string' && key.length === 32)).toBe(true);
    expect(new Set(keys.slice(0, 5)).size).toBe(1);
    expect(keys[5]).toBeUndefined();
  });

  it('is left out when the step switches it off', async () => {
    await run({ method: 'POST', url: `${base}/lead`, idempotencyKey: { enabled: false } });
    expect(seen[0]?.headers['idempotency-key']).toBeUndefined();
  });
});
