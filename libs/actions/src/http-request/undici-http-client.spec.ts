import { failureOf } from '../__tests__/test-context';
import type dns from 'node:dns';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import type { HttpSendOptions } from './http-send.options';
import { UndiciHttpClient } from './undici-http-client';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let port: number;
let base: string;
let handler: Handler = (_req, res) => res.end();
let seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handler(req, res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

beforeEach(() => {
  seen = [];
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const clients: UndiciHttpClient[] = [];
function clientWith(options: ConstructorParameters<typeof UndiciHttpClient>[0] = {}): UndiciHttpClient {
  const created = new UndiciHttpClient(options);
  clients.push(created);
  return created;
}

/** Answers from a table of names, as DNS would, so tests need no real resolver. */
function fakeLookup(table: Record<string, string[]>, calls: string[] = []): typeof dns.lookup {
  const lookup = (
    hostname: string,
    options: dns.LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
  ): void => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (addresses === undefined) {
      if (hostname === 'hang.test') return;
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      return;
    }
    const list = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options.all) callback(null, list);
    else callback(null, list[0]?.address ?? '', list[0]?.family);
  };
  return lookup as unknown as typeof dns.lookup;
}

const local = clientWith({ allowList: ['127.0.0.1/32'] });
const strict = clientWith();

function spec(path: string, extra: Partial<HttpSendOptions> = {}): HttpSendOptions {
  return { method: 'GET', url: `${base}${path}`, headers: {}, timeoutMs: 5000, maxResponseBytes: 1024 * 1024, ...extra };
}

function redirectTo(location: string, status = 302): Handler {
  return (req, res) => {
    if (req.url === '/final') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('done');
      return;
    }
    res.writeHead(status, { Location: location });
    res.end('moved');
  };
}

describe('UndiciHttpClient', () => {
  it('sends method, headers and body, and returns status, lower-case headers and bytes', async () => {
    handler = (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'X-Multi': ['a', 'b'] });
      res.end(JSON.stringify({ ok: true, name: 'Алексей' }));
    };
    const response = await local.send(spec('/json', { method: 'POST', headers: { 'X-Token': 't' }, body: '{"a":1}' }));
    expect(seen).toMatchObject([{ method: 'POST', headers: { 'x-token': 't' }, body: '{"a":1}' }]);
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
    const response = await local.send(spec('/cp1251'));
    expect(response.body.equals(bytes)).toBe(true);
  });

  it('does not follow redirects unless asked to', async () => {
    handler = redirectTo('/elsewhere');
    const response = await local.send(spec('/moved'));
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/elsewhere');
  });

  it('fails with a retryable timeout when the server does not answer in time', async () => {
    handler = () => undefined;
    const failure = await failureOf(local.send(spec('/slow', { timeoutMs: 200 })));
    expect(failure.code).toBe('timeout');
    expect(failure.message).toMatch(/^127\.0\.0\.1:\d+ did not answer within 0\.2 s$/);
    expect(failure.retry).toEqual({ retryable: true });
  });

  it('fails with timeout when the body stalls', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.write('partial');
    };
    const failure = await failureOf(local.send(spec('/stall', { timeoutMs: 300 })));
    expect(failure.code).toBe('timeout');
  });

  it('names a connection that cannot be opened within the connect timeout', async () => {
    const client = clientWith({ allowList: ['hang.test'], lookup: fakeLookup({}) });
    const failure = await failureOf(client.send({ ...spec('/'), url: `http://hang.test:${port}/`, connectTimeoutMs: 200 }));
    expect(failure.code).toBe('timeout');
    expect(failure.message).toBe(`Could not connect to hang.test:${port} within 0.2 s`);
    expect(failure.retry.retryable).toBe(true);
  });

  it('refuses an answer larger than allowed by its declared length', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': 2000 });
      res.end(Buffer.alloc(2000));
    };
    const failure = await failureOf(local.send(spec('/big', { maxResponseBytes: 1000 })));
    expect(failure.code).toBe('response_too_large');
    expect(failure.retry.retryable).toBe(false);
  });

  it('stops reading a streamed answer once it passes the limit', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 97);
      for (let i = 0; i < 40; i += 1) res.write(chunk);
      res.end();
    };
    const failure = await failureOf(local.send(spec('/stream', { maxResponseBytes: 1024 * 1024 })));
    expect(failure.code).toBe('response_too_large');
    expect(failure.message).toMatch(/larger than 1 MB/);
  });

  it('names a refused connection, worth retrying', async () => {
    const closed = http.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const failure = await failureOf(local.send({ ...spec('/'), url: `http://127.0.0.1:${closedPort}/x` }));
    expect(failure.code).toBe('network');
    expect(failure.message).toBe(`Could not connect to 127.0.0.1:${closedPort}: connection refused`);
    expect(failure.retry.retryable).toBe(true);
  });

  it('names a header it cannot send, not worth retrying', async () => {
    const failure = await failureOf(local.send(spec('/', { headers: { 'X-Bad': 'a\r\nb' } })));
    expect(failure.code).toBe('invalid_request');
    expect(failure.retry.retryable).toBe(false);
  });
});

describe('UndiciHttpClient outbound address policy', () => {
  it.each([
    ['http://127.0.0.1:PORT/', '127.0.0.1', 'loopback'],
    ['http://2130706433:PORT/', '127.0.0.1', 'loopback'],
    ['http://0x7f000001:PORT/', '127.0.0.1', 'loopback'],
    ['http://0177.0.0.1:PORT/', '127.0.0.1', 'loopback'],
    ['http://127.1:PORT/', '127.0.0.1', 'loopback'],
    ['http://[::1]:PORT/', '::1', 'loopback'],
    ['http://[::ffff:127.0.0.1]:PORT/', '::ffff:7f00:1 (IPv4 127.0.0.1)', 'loopback'],
    ['http://[::7f00:1]:PORT/', '::7f00:1 (IPv4 127.0.0.1)', 'loopback'],
    ['http://[64:ff9b::a00:5]:PORT/', '64:ff9b::a00:5 (IPv4 10.0.0.5)', 'private'],
    ['http://0.0.0.0:PORT/', '0.0.0.0', 'unspecified'],
    ['http://0:PORT/', '0.0.0.0', 'unspecified'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', 'cloud_metadata'],
    ['http://10.0.0.1/', '10.0.0.1', 'private'],
    ['http://172.16.0.1/', '172.16.0.1', 'private'],
    ['http://192.168.1.1/', '192.168.1.1', 'private'],
    ['http://100.64.0.1/', '100.64.0.1', 'shared_cgnat'],
    ['https://[fe80::1]/', 'fe80::1', 'link_local'],
  ])('refuses %s by default', async (url, address, category) => {
    const failure = await failureOf(strict.send({ ...spec('/'), url: url.replace('PORT', String(port)) }));
    expect(failure.code).toBe('blocked_address');
    expect(failure.details).toMatchObject({ address, category });
    expect(failure.message).toMatch(new RegExp(`^The address ${address.replace(/[.()]/g, '\\$&')} .*; ask your administrator to allow it \\(OUTBOUND_ALLOWLIST\\)\\.$`));
    expect(failure.retry.retryable).toBe(false);
    expect(seen).toEqual([]);
  });

  it('says which network a refused address is in', async () => {
    const failure = await failureOf(strict.send({ ...spec('/'), url: 'http://10.0.0.5/' }));
    expect(failure.message).toBe('The address 10.0.0.5 is in a private network; ask your administrator to allow it (OUTBOUND_ALLOWLIST).');
  });

  it('refuses localhost as it resolves', async () => {
    const failure = await failureOf(strict.send({ ...spec('/'), url: `http://localhost:${port}/` }));
    expect(failure.code).toBe('blocked_address');
    expect(failure.details).toMatchObject({ category: 'loopback', host: 'localhost' });
    expect(seen).toEqual([]);
  });

  it('refuses a name that resolves to a private address, naming both', async () => {
    const client = clientWith({ lookup: fakeLookup({ 'crm.example': ['10.0.0.5'] }) });
    const failure = await failureOf(client.send({ ...spec('/'), url: 'http://crm.example/leads' }));
    expect(failure.code).toBe('blocked_address');
    expect(failure.message).toBe(
      'The address 10.0.0.5 of crm.example is in a private network; ask your administrator to allow it (OUTBOUND_ALLOWLIST).',
    );
  });

  it('refuses a name when any of its addresses is blocked', async () => {
    const client = clientWith({ lookup: fakeLookup({ 'mixed.example': ['93.184.216.34', '127.0.0.1'] }) });
    const failure = await failureOf(client.send({ ...spec('/'), url: `http://mixed.example:${port}/` }));
    expect(failure.code).toBe('blocked_address');
    expect(failure.details).toMatchObject({ address: '127.0.0.1' });
  });

  it('resolves at connection time, so the address checked is the one connected to', async () => {
    const calls: string[] = [];
    const client = clientWith({ allowList: ['127.0.0.1/32'], lookup: fakeLookup({ 'api.example': ['127.0.0.1'] }, calls) });
    handler = (_req, res) => res.end('ok');
    const response = await client.send({ ...spec('/'), url: `http://api.example:${port}/x` });
    expect(response.body.toString()).toBe('ok');
    expect(calls).toEqual(['api.example']);
    expect(seen[0]?.headers.host).toBe(`api.example:${port}`);
  });

  it('admits what the allow-list names: a CIDR or a host name', async () => {
    handler = (_req, res) => res.end('ok');
    expect((await local.send(spec('/a'))).status).toBe(200);
    const byName = clientWith({ allowList: ['CRM.internal'], lookup: fakeLookup({ 'crm.internal': ['127.0.0.1'] }) });
    expect((await byName.send({ ...spec('/'), url: `http://crm.internal:${port}/b` })).status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b']);
  });

  it('refuses a redirect from an allowed server to a blocked address', async () => {
    handler = redirectTo(`http://[::1]:${port}/final`);
    const failure = await failureOf(local.send(spec('/start', { maxRedirects: 5 })));
    expect(failure.code).toBe('blocked_address');
    expect(failure.details).toMatchObject({ address: '::1', category: 'loopback' });
    expect(seen.map((s) => s.url)).toEqual(['/start']);
  });

  it('refuses a redirect to a name that resolves to a blocked address', async () => {
    const client = clientWith({ allowList: ['127.0.0.1/32'], lookup: fakeLookup({ 'metadata.example': ['169.254.169.254'] }) });
    handler = redirectTo('http://metadata.example/latest/meta-data/');
    const failure = await failureOf(client.send(spec('/start', { maxRedirects: 5 })));
    expect(failure.code).toBe('blocked_address');
    expect(failure.details).toMatchObject({ category: 'cloud_metadata', host: 'metadata.example' });
  });
});

describe('UndiciHttpClient redirects', () => {
  it('turns 301, 302 and 303 into a GET without body', async () => {
    for (const status of [301, 302, 303]) {
      seen = [];
      handler = redirectTo('/final', status);
      const response = await local.send(
        spec('/start', { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json', 'X-Keep': '1' }, maxRedirects: 5 }),
      );
      expect(response.body.toString()).toBe('done');
      expect(seen.map((s) => [s.method, s.url, s.body])).toEqual([
        ['POST', '/start', '{"a":1}'],
        ['GET', '/final', ''],
      ]);
      expect(seen[1]?.headers['content-type']).toBeUndefined();
      expect(seen[1]?.headers['x-keep']).toBe('1');
    }
  });

  it('repeats method and body on 307 and 308', async () => {
    for (const status of [307, 308]) {
      seen = [];
      handler = redirectTo(`${base}/final`, status);
      await local.send(spec('/start', { method: 'PUT', body: 'payload', headers: { 'content-type': 'text/plain' }, maxRedirects: 1 }));
      expect(seen.map((s) => [s.method, s.url, s.body, s.headers['content-type']])).toEqual([
        ['PUT', '/start', 'payload', 'text/plain'],
        ['PUT', '/final', 'payload', 'text/plain'],
      ]);
    }
  });

  it('keeps credentials on the same origin and drops them for another host', async () => {
    const client = clientWith({ allowList: ['127.0.0.1/32', 'other.example'], lookup: fakeLookup({ 'other.example': ['127.0.0.1'] }) });
    const headers = { Authorization: 'Bearer T', 'X-Api-Key': 'K', Cookie: 'c=1', 'X-Trace': 'yes' };
    handler = redirectTo('/final');
    await client.send(spec('/start', { headers, maxRedirects: 5, credentialHeaders: ['X-Api-Key'] }));
    expect(seen[1]?.headers).toMatchObject({ authorization: 'Bearer T', 'x-api-key': 'K', cookie: 'c=1', 'x-trace': 'yes' });

    seen = [];
    handler = redirectTo(`http://other.example:${port}/final`);
    await client.send(spec('/start', { headers, maxRedirects: 5, credentialHeaders: ['X-Api-Key'] }));
    expect(seen[1]?.url).toBe('/final');
    expect(seen[1]?.headers.authorization).toBeUndefined();
    expect(seen[1]?.headers['x-api-key']).toBeUndefined();
    expect(seen[1]?.headers.cookie).toBeUndefined();
    expect(seen[1]?.headers['x-trace']).toBe('yes');
  });

  it('fails after more redirects than allowed', async () => {
    handler = (req, res) => {
      const n = Number((req.url ?? '/0').slice(1)) || 0;
      res.writeHead(302, { Location: `/${n + 1}` });
      res.end();
    };
    const failure = await failureOf(local.send(spec('/0', { maxRedirects: 3 })));
    expect(failure.code).toBe('too_many_redirects');
    expect(failure.message).toBe(`The request was redirected more than 3 times; the last redirect from 127.0.0.1:${port} pointed to 127.0.0.1:${port}`);
    expect(seen.map((s) => s.url)).toEqual(['/0', '/1', '/2', '/3']);
    expect(failure.retry.retryable).toBe(false);

    const none = await failureOf(local.send(spec('/0', { maxRedirects: 0 })));
    expect(none.message).toBe(`The server 127.0.0.1:${port} answered with a redirect, and this step is set to follow none`);
  });

  it('refuses a redirect to something other than http(s)', async () => {
    handler = redirectTo('file:///etc/passwd');
    const failure = await failureOf(local.send(spec('/start', { maxRedirects: 5 })));
    expect(failure.code).toBe('invalid_redirect');
    expect(failure.message).toBe(`The server 127.0.0.1:${port} redirected to "file:///etc/passwd", which is not an http(s) address`);
  });

  it('returns a 3xx without Location as it is', async () => {
    handler = (_req, res) => {
      res.writeHead(304);
      res.end();
    };
    expect((await local.send(spec('/cached', { maxRedirects: 5 }))).status).toBe(304);
  });

  it('keeps one deadline across all hops', async () => {
    handler = (req, res) => {
      if (req.url === '/final') return;
      res.writeHead(302, { Location: '/final' });
      res.end();
    };
    const failure = await failureOf(local.send(spec('/start', { maxRedirects: 5, timeoutMs: 300 })));
    expect(failure.code).toBe('timeout');
  });
});
