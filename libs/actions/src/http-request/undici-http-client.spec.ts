import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isStepFailure, type HttpRequestSpec, type StepFailure } from '@provod/engine';
import iconv from 'iconv-lite';
import { UndiciHttpClient } from './undici-http-client';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server;
let base: string;
let handler: Handler = (_req, res) => res.end();

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const client = new UndiciHttpClient();

function spec(path: string, extra: Partial<HttpRequestSpec> = {}): HttpRequestSpec {
  return { method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 5000, maxResponseBytes: 1024 * 1024, ...extra };
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

describe('UndiciHttpClient', () => {
  it('sends method, headers and body, and returns status, lower-case headers and bytes', async () => {
    let seen: { method?: string; header?: string | string[]; body?: string } = {};
    handler = (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen = { method: req.method, header: req.headers['x-token'], body };
        res.writeHead(201, { 'Content-Type': 'application/json', 'X-Multi': ['a', 'b'] });
        res.end(JSON.stringify({ ok: true, name: 'Алексей' }));
      });
    };
    const response = await client.send(spec('/json', { method: 'POST', headers: { 'X-Token': 't' }, body: '{"a":1}' }));
    expect(seen).toEqual({ method: 'POST', header: 't', body: '{"a":1}' });
    expect(response.status).toBe(201);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-multi']).toBe('a, b');
    expect(JSON.parse(response.body.toString('utf8'))).toEqual({ ok: true, name: 'Алексей' });
  });

  it('returns windows-1251 bytes untouched', async () => {
    const bytes = iconv.encode('Привет, мир', 'windows-1251');
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=windows-1251' });
      res.end(bytes);
    };
    const response = await client.send(spec('/cp1251'));
    expect(response.body.equals(bytes)).toBe(true);
  });

  it('does not follow redirects', async () => {
    handler = (_req, res) => {
      res.writeHead(302, { Location: '/elsewhere' });
      res.end();
    };
    const response = await client.send(spec('/moved'));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
  });

  it('fails with timeout when the server does not answer in time', async () => {
    handler = () => undefined;
    const failure = await failureOf(client.send(spec('/slow', { timeoutMs: 200 })));
    expect(failure.code).toBe('timeout');
    expect(failure.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 0\.2 s$/);
  });

  it('fails with timeout when the body stalls', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
    };
    const failure = await failureOf(client.send(spec('/stall', { timeoutMs: 300 })));
    expect(failure.code).toBe('timeout');
  });

  it('refuses an answer larger than allowed by its declared length', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': 2000 });
      res.end(Buffer.alloc(2000));
    };
    const failure = await failureOf(client.send(spec('/big', { maxResponseBytes: 1000 })));
    expect(failure.code).toBe('response_too_large');
  });

  it('stops reading a streamed answer once it passes the limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 97);
      for (let i = 0; i < 40; i += 1) res.write(chunk);
      res.end();
    };
    const failure = await failureOf(client.send(spec('/stream', { maxResponseBytes: 1024 * 1024 })));
    expect(failure.code).toBe('response_too_large');
    expect(failure.message).toMatch(/larger than 1 MB/);
  });

  it('names a refused connection', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const failure = await failureOf(client.send({ ...spec('/'), url: `http://127.0.0.1:${port}/x` }));
    expect(failure.code).toBe('network');
    expect(failure.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused`);
  });

  it('names a header it cannot send', async () => {
    const failure = await failureOf(client.send(spec('/', { headers: { 'X-Bad': 'a\r\nb' } })));
    expect(failure.code).toBe('invalid_request');
  });
});
