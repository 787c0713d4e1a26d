import type { OperationDetail, ProcessingView } from '@provod/contracts';
import { runMigrations } from '@provod/data';
import { connect } from 'node:net';
import request from 'supertest';
import { api } from '../support/flows';
import { signUp, type Session } from '../support/session';
import { resetState, sql, startApi, testConfig, type RunningApi } from '../support/platform';

describe('webhook ingest (/hooks/:token) on real PostgreSQL and Redis', () => {
  let sut: RunningApi;
  let processing: ProcessingView;
  let session: Session;

  beforeAll(async () => {
    sut = await startApi({ WEBHOOK_MAX_BODY_BYTES: String(64 * 1024) });
  });
  afterAll(() => sut.close());

  beforeEach(async () => {
    await resetState();
    session = await signUp(sut.url);
    const created = await api<ProcessingView>(session, 'POST', '/api/processings', {
      name: 'ingest',
      source: { methods: ['GET', 'POST'], parameters: [{ name: 'r_id', keys: ['r_id', 'request_id'] }, { name: 'client_name', keys: ['client[u_name]'] }] },
      // A processing starts only with a step to run (an empty one would "succeed" doing nothing).
      actions: [{ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template: '{"ok": true}' } }],
    });
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`)).body;
  });

  const hook = () => `/hooks/${processing.webhookToken}`;
  const stored = async (id: string) => (await api<OperationDetail>(session, 'GET', `/api/operations/${id}`)).body;

  it('stores a GET with a query string (U-ON default) before answering 200 with the operation id', async () => {
    const res = await request(sut.url).get(`${hook()}?uon_id=12345&type_id=2&r_id=61`).expect(200);
    expect(res.body).toEqual({ ok: true, operationId: expect.any(String), status: 'queued' });
    // Answered outside Nest's router, with the same security headers as every other answer.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    // The row exists the moment the sender has its answer.
    const [row] = await sql<{ status: string; params: unknown }>('SELECT status, params FROM operation WHERE id = $1', [res.body.operationId]);
    expect(row).toBeDefined();
    expect(row!.params).toEqual({ r_id: '61', client_name: null });
    const op = await stored(res.body.operationId);
    expect(op.request.method).toBe('GET');
    expect(op.request.query).toEqual({ uon_id: '12345', type_id: '2', r_id: '61' });
    expect(op.processingVersion).toBe(processing.version);
  });

  it('parses a form-urlencoded POST with PHP bracket keys into nested objects', async () => {
    const res = await request(sut.url)
      .post(hook())
      .type('form')
      .send('uon_id=12345&type_id=1&request_id=226&client%5Bu_name%5D=%D0%90%D0%BB%D0%B5%D0%BA%D1%81%D0%B5%D0%B9&client%5Bphones%5D%5B0%5D=%2B7927')
      .expect(200);
    const op = await stored(res.body.operationId);
    expect(op.params).toEqual({ r_id: '226', client_name: 'Алексей' });
    expect(op.request.body).toEqual({ uon_id: '12345', type_id: '1', request_id: '226', client: { u_name: 'Алексей', phones: ['+7927'] } });
    expect(op.request.contentType).toBe('application/x-www-form-urlencoded');
  });

  it('accepts JSON, multipart fields and text/plain', async () => {
    const json = await request(sut.url).post(hook()).send({ r_id: 61, client: { u_name: 'Иван "Ваня"' } }).expect(200);
    expect((await stored(json.body.operationId)).params).toEqual({ r_id: 61, client_name: 'Иван "Ваня"' });

    const multipart = await request(sut.url).post(hook()).field('r_id', '62').field('client[u_name]', 'Пётр').attach('file', Buffer.from('hello'), 'a.txt').expect(200);
    const mp = await stored(multipart.body.operationId);
    expect(mp.params).toEqual({ r_id: '62', client_name: 'Пётр' });
    expect(mp.request.body).toMatchObject({ _files: [{ field: 'file', filename: 'a.txt', size: 5 }] });

    const text = await request(sut.url).post(`${hook()}?r_id=63`).set('content-type', 'text/plain').send('just a note').expect(200);
    const tp = await stored(text.body.operationId);
    expect(tp.request.body).toBe('just a note');
    expect(tp.params.r_id).toBe('63');
  });

  it('keeps bodies jsonb cannot hold (NUL, invalid UTF-8) byte-exact as base64', async () => {
    const bytes = Buffer.from([0x72, 0x5f, 0x69, 0x64, 0x3d, 0x31, 0x00, 0xff]);
    const res = await request(sut.url).post(hook()).set('content-type', 'application/octet-stream').send(bytes).expect(200);
    const op = await stored(res.body.operationId);
    expect(op.request.bodyEncoding).toBe('base64');
    expect(Buffer.from(op.request.bodyText!, 'base64').equals(bytes)).toBe(true);
  });

  it('answers clear errors: unknown token 404, broken JSON 400, too large 413, wrong method 405', async () => {
    const unknown = await request(sut.url).get('/hooks/not-a-real-token?r_id=1').expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Unknown webhook' });
    // Deeper paths and broken escapes are no webhook URL at all: Nest's plain 404.
    await request(sut.url).post(`${hook()}/extra`).send({}).expect(404);
    await request(sut.url).post('/hooks/%E0%A4%A').send({}).expect(404);

    const broken = await request(sut.url).post(hook()).set('content-type', 'application/json').send('{"r_id": 61,').expect(400);
    expect(broken.body.message).toMatch(/not valid JSON/);

    const big = await request(sut.url).post(hook()).set('content-type', 'text/plain').send('x'.repeat(65 * 1024)).expect(413);
    expect(big.body.message).toMatch(/larger than the limit/);

    const deep = await request(sut.url).post(hook()).set('content-type', 'application/json').send('['.repeat(5000) + ']'.repeat(5000)).expect(400);
    expect(deep.body.message).toMatch(/nested deeper/);

    const put = await request(sut.url).put(hook()).send({}).expect(405);
    expect(put.body.message).toMatch(/accepts GET, POST/);

    const [{ count }] = await sql<{ count: string }>('SELECT count(*) FROM operation');
    expect(count).toBe('0');
  });

  it('stores events for a stopped processing as held, and answers 200', async () => {
    await api(session, 'POST', `/api/processings/${processing.id}/stop`);
    const res = await request(sut.url).get(`${hook()}?r_id=5`).expect(200);
    expect(res.body.status).toBe('held');
    expect((await stored(res.body.operationId)).status).toBe('held');
  });

  it('masks secret-bearing headers in the stored request', async () => {
    const res = await request(sut.url).get(`${hook()}?r_id=7`).set('Authorization', 'Bearer top-secret-value').set('X-Api-Key', 'k-123456').expect(200);
    const op = await stored(res.body.operationId);
    expect(JSON.stringify(op)).not.toContain('top-secret-value');
    expect(JSON.stringify(op)).not.toContain('k-123456');
    expect(op.request.headers.authorization).toBe('••••••');
  });

  it('uses the new parameter list at once after the processing changes', async () => {
    await api(session, 'PATCH', `/api/processings/${processing.id}`, { source: { methods: ['GET'], parameters: [{ name: 'lead' }] } });
    const res = await request(sut.url).get(`${hook()}?lead=9`).expect(200);
    const op = await stored(res.body.operationId);
    expect(op.params).toEqual({ lead: '9' });
    expect(op.processingVersion).toBe(processing.version + 1);
  });
});

describe('webhook ingest when a backing service is down', () => {
  beforeEach(() => resetState());

  it('still stores and acknowledges the event when Redis is unreachable (the reconciler enqueues it later)', async () => {
    const sut = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const owner = await signUp(sut.url);
      const created = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'no redis', source: { parameters: [{ name: 'r_id' }] }, actions: [{ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template: '{"ok": true}' } }] });
      await api(owner, 'POST', `/api/processings/${created.body.id}/start`);
      const res = await request(sut.url).get(`/hooks/${created.body.webhookToken}?r_id=1`).expect(200);
      const [row] = await sql<{ status: string }>('SELECT status FROM operation WHERE id = $1', [res.body.operationId]);
      expect(row!.status).toBe('queued');
      const health = await request(sut.url).get('/api/health').expect(503);
      expect(health.body).toMatchObject({ status: 'unavailable', postgres: { ok: true }, redis: { ok: false } });
    } finally {
      await sut.close();
    }
  });

  it('answers 503, never 2xx, when PostgreSQL cannot store the event', async () => {
    const name = `${process.env.TEST_DATABASE_NAME}_down`;
    await sql(`CREATE DATABASE ${name}`);
    const url = new URL(testConfig().DATABASE_URL);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    const sut = await startApi({ DATABASE_URL: url.toString() });
    try {
      const owner = await signUp(sut.url);
      const created = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'db down', source: { parameters: [] } });
      await request(sut.url).get(`/hooks/${created.body.webhookToken}`).expect(200);
      await sql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
      const res = await request(sut.url).get(`/hooks/${created.body.webhookToken}`);
      expect(res.status).toBe(503);
      expect(res.body.message).toMatch(/could not be stored/);
      await request(sut.url).get('/api/health').expect(503);
    } finally {
      await sut.close().catch(() => undefined);
      await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});

/** Writes raw bytes on a socket and resolves with whatever the server answers first (head and body). */
function rawExchange(url: string, head: string, body: Buffer | null, { end = false } = {}): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let answer = '';
    // Generous: an answer that never comes fails here instead of hanging the suite.
    socket.setTimeout(20_000, () => {
      socket.destroy();
      reject(new Error(`no answer within 20 s; got ${JSON.stringify(answer)}`));
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      // Enough once the JSON body is in: the server need not close the socket for us to judge.
      if (/\r\n\r\n[\s\S]*\}/.test(answer)) {
        socket.destroy();
        resolve(answer);
      }
    });
    socket.on('error', (error) => (answer ? resolve(answer) : reject(error)));
    socket.on('close', () => resolve(answer));
    socket.write(head);
    if (body) socket.write(body);
    if (end) socket.end();
  });
}

describe('webhook input edges: sizes and field counts', () => {
  let sut: RunningApi;
  let token: string;
  const LIMIT = 1024 * 1024;

  beforeAll(async () => {
    sut = await startApi({ WEBHOOK_MAX_BODY_BYTES: String(LIMIT) });
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState();
    const owner = await signUp(sut.url);
    const created = await api<ProcessingView>(owner, 'POST', '/api/processings', {
      name: 'edges',
      source: { methods: ['GET', 'POST'], parameters: [{ name: 'r_id' }] },
    });
    token = created.body.webhookToken;
  });
  const storedCount = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM operation'))[0]!.n;

  it('refuses a declared 2 MB body on its Content-Length, without waiting for the body', async () => {
    const started = Date.now();
    const answer = await rawExchange(
      sut.url,
      `POST /hooks/${token} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`,
      null,
    );
    process.stdout.write(`413 for a withheld 2 MB body after ${Date.now() - started} ms\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain(`larger than the limit of ${LIMIT} bytes`);
    expect(await storedCount()).toBe(0);
  });

  it('refuses a chunked body without a length as soon as it passes the limit, with the stream still open', async () => {
    const chunk = Buffer.alloc(LIMIT + 1024, 'a');
    const answer = await rawExchange(
      sut.url,
      `POST /hooks/${token} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n`,
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('larger than the limit');
    expect(await storedCount()).toBe(0);
  });

  it('refuses 10 000 fields in a form, a query string or a multipart body instead of dropping past 5 000', async () => {
    const fields = Array.from({ length: 10_000 }, (_, i) => `f${i}=1`).join('&') + '&r_id=61';
    const form = await request(sut.url).post(`/hooks/${token}`).type('form').send(fields).expect(413);
    expect(form.body.message).toBe('The form body has more than 5000 fields; send at most 5000.');

    // Short names: a request line must stay under Node's 16 KB header limit to reach Provod at all.
    const q = await request(sut.url).get(`/hooks/${token}?${'a&'.repeat(5_001)}`).expect(413);
    expect(q.body.message).toBe('The query string has more than 5000 fields; send at most 5000.');

    const boundary = 'b0undary';
    const parts = Array.from({ length: 5_001 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="m${i}"\r\n\r\n1\r\n`).join('');
    const multipart = await request(sut.url)
      .post(`/hooks/${token}`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(`${parts}--${boundary}--\r\n`)
      .expect(413);
    expect(multipart.body.message).toMatch(/multipart body has more than 5000 fields/);
    expect(await storedCount()).toBe(0);

    // At the limit everything is kept, the last field included.
    const atLimit = Array.from({ length: 4_999 }, (_, i) => `f${i}=1`).join('&') + '&r_id=61';
    const ok = await request(sut.url).post(`/hooks/${token}`).type('form').send(atLimit).expect(200);
    const [row] = await sql<{ params: { r_id: string } }>('SELECT params FROM operation WHERE id = $1', [ok.body.operationId]);
    expect(row!.params.r_id).toBe('61');
  });
});
