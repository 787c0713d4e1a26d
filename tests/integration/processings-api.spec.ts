import type { OperationPage, ProcessingExport, ProcessingView } from '@provod/contracts';
import { api } from '../support/flows';
import { agent, signUp, type Session } from '../support/session';
import { resetState, sql, startApi, type RunningApi } from '../support/platform';

describe('processings and history API', () => {
  let sut: RunningApi;
  let session: Session;
  const http = () => agent(session);

  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(async () => {
    await resetState();
    session = await signUp(sut.url);
  });

  const parser = {
    id: 'p1',
    key: 'fields',
    type: 'json_parser',
    name: 'Parse',
    settings: { input: '{{source}}', fields: [{ name: 'id', path: '["r_id"]' }] },
  };

  it('creates a stopped processing with an unguessable token and version 1', async () => {
    const res = await http().post('/api/processings').send({ name: 'Заявки', actions: [parser] }).expect(201);
    const p = res.body as ProcessingView;
    expect(p).toMatchObject({ name: 'Заявки', status: 'stopped', version: 1 });
    expect(Buffer.from(p.webhookToken, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(p.actions[0]).toMatchObject({ key: 'fields', settings: { fields: [{ name: 'id', required: false }] } });
    const list = await http().get('/api/processings').expect(200);
    expect(list.body.map((x: ProcessingView) => x.id)).toEqual([p.id]);
  });

  it('bumps the version on every change and keeps each version', async () => {
    const { body: p } = await api<ProcessingView>(session, 'POST', '/api/processings', { name: 'v' });
    const renamed = await http().patch(`/api/processings/${p.id}`).send({ name: 'v2' }).expect(200);
    expect(renamed.body.version).toBe(2);
    const changed = await http().patch(`/api/processings/${p.id}`).send({ actions: [parser] }).expect(200);
    expect(changed.body.version).toBe(3);
    const versions = await sql<{ version: number }>('SELECT version FROM processing_version WHERE processing_id = $1 ORDER BY version', [p.id]);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('rejects invalid definitions with every problem named by path', async () => {
    const res = await http()
      .post('/api/processings')
      .send({ name: '', actions: [{ ...parser, type: 'teleport' }] })
      .expect(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['name', 'actions.0.type']));

    const dup = await http().post('/api/processings').send({ name: 'dup', actions: [parser, { ...parser, id: 'p2' }] }).expect(400);
    expect(dup.body.issues).toEqual([{ path: 'actions.1.key', message: expect.stringContaining('already used') }]);
  });

  it('starts, stops, deletes, and answers 404 for unknown or malformed ids', async () => {
    const { body: p } = await api<ProcessingView>(session, 'POST', '/api/processings', { name: 's', actions: [parser] });
    expect((await http().post(`/api/processings/${p.id}/start`).expect(200)).body.status).toBe('running');
    expect((await http().post(`/api/processings/${p.id}/stop`).expect(200)).body.status).toBe('stopped');
    await http().delete(`/api/processings/${p.id}`).expect(204);
    await http().get(`/api/processings/${p.id}`).expect(404);
    await http().get('/api/processings/not-a-uuid').expect(404);
    await http().get('/api/operations/00000000-0000-4000-8000-00000000dead').expect(404);
  });

  it('exports a processing as portable JSON and imports it back as a new, stopped one', async () => {
    const { body: p } = await api<ProcessingView>(session, 'POST', '/api/processings', {
      name: 'exported',
      source: { methods: ['GET'], parameters: [{ name: 'r_id' }] },
      actions: [parser],
    });
    const exported = (await http().get(`/api/processings/${p.id}/export`).expect(200)).body as ProcessingExport;
    expect(exported).toEqual({ provod: 1, name: 'exported', source: p.source, actions: p.actions });
    expect(JSON.stringify(exported)).not.toContain(p.webhookToken);
    const imported = (await http().post('/api/processings/import').send(exported).expect(201)).body as ProcessingView;
    expect(imported).toMatchObject({ name: 'exported', status: 'stopped', source: p.source, actions: p.actions });
    expect(imported.webhookToken).not.toBe(p.webhookToken);
  });

  it('answers a row saved before a setting existed with the schema defaults filled in, wherever the processing comes back', async () => {
    const { body: p } = await api<ProcessingView>(session, 'POST', '/api/processings', { name: 'old' });
    // As an early version stored it: no retry, no idempotency key, no limits, and a source without its lists.
    const oldRequest = { id: 'r1', key: 'fetch', type: 'http_request', name: 'Fetch', settings: { method: 'POST', url: 'https://crm.example.ru/leads' } };
    await sql(`UPDATE processing SET actions = $2, source = $3 WHERE id = $1`, [p.id, JSON.stringify([oldRequest]), JSON.stringify({ type: 'webhook' })]);
    await sql(`UPDATE processing_version SET actions = $2 WHERE processing_id = $1`, [p.id, JSON.stringify([oldRequest])]);
    const complete = {
      ...oldRequest,
      settings: expect.objectContaining({
        method: 'POST',
        url: 'https://crm.example.ru/leads',
        headers: [],
        body: { mode: 'none' },
        timeoutMs: 30_000,
        retry: { attempts: 4, initialDelayMs: 2_000, maxDelayMs: 300_000, extraStatuses: [] },
        idempotencyKey: { enabled: true, header: 'Idempotency-Key' },
        retryWritesOnTimeout: false,
        rateLimitPerSecond: null,
      }),
    };

    const one = (await http().get(`/api/processings/${p.id}`).expect(200)).body as ProcessingView;
    expect(one.actions).toEqual([complete]);
    expect(one.source).toEqual({ type: 'webhook', methods: ['GET', 'POST'], parameters: [], dedup: null });
    const [listed] = (await http().get('/api/processings').expect(200)).body as ProcessingView[];
    expect(listed?.actions).toEqual([complete]);
    const alerted = (await http().put(`/api/processings/${p.id}/alerts`).send({ recipients: [] }).expect(200)).body as ProcessingView;
    expect(alerted.actions).toEqual([complete]);
    const version = (await http().get(`/api/processings/${p.id}/versions/1`).expect(200)).body as { actions: unknown[] };
    expect(version.actions).toEqual([complete]);
    // What is stored stays as it was: only the answer is read through the schema.
    const [row] = await sql<{ actions: unknown[] }>('SELECT actions FROM processing WHERE id = $1', [p.id]);
    expect(row?.actions).toEqual([oldRequest]);
  });

  it('pages through history newest first with a keyset cursor, filtered by status and time', async () => {
    const { body: p } = await api<ProcessingView>(session, 'POST', '/api/processings', { name: 'h', actions: [parser] });
    // 7 events while stopped (held), then 5 while running (queued): no worker runs here.
    for (let i = 0; i < 7; i++) await http().get(`/hooks/${p.webhookToken}?n=${i}`).expect(200);
    await api(session, 'POST', `/api/processings/${p.id}/start`);
    for (let i = 7; i < 12; i++) await http().get(`/hooks/${p.webhookToken}?n=${i}`).expect(200);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: OperationPage = (await http().get(`/api/processings/${p.id}/operations`).query({ limit: 5, ...(cursor ? { cursor } : {}) }).expect(200)).body;
      seen.push(...page.items.map((o) => (o as unknown as { id: string }).id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);

    const all = await sql<{ id: string }>('SELECT id FROM operation ORDER BY received_at DESC, id DESC');
    expect(seen).toEqual(all.map((r) => r.id));

    const held = (await http().get(`/api/processings/${p.id}/operations?status=held&limit=50`).expect(200)).body as OperationPage;
    expect(held.items).toHaveLength(7);
    const both = (await http().get(`/api/processings/${p.id}/operations?status=held&status=queued`).expect(200)).body as OperationPage;
    expect(both.items).toHaveLength(12);
    const future = (await http().get(`/api/processings/${p.id}/operations`).query({ from: new Date(Date.now() + 60_000).toISOString() }).expect(200)).body as OperationPage;
    expect(future.items).toHaveLength(0);

    await http().get(`/api/processings/${p.id}/operations?cursor=garbage`).expect(400);
    await http().get(`/api/processings/${p.id}/operations?status=nonsense`).expect(400);
  });

  it('serves the OpenAPI document and a health check that really asks PostgreSQL and Redis', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/processings', '/api/processings/{id}/operations', '/api/operations/{id}', '/api/health']),
    );
    const health = await http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true }, backlog: { waiting: 0 } });
  });

  it('keeps secret values write-only', async () => {
    await http().put('/api/secrets/UON_KEY').send({ value: 'very-secret-uon-key' }).expect(200);
    const list = await http().get('/api/secrets').expect(200);
    expect(list.body).toEqual([{ name: 'UON_KEY', createdAt: expect.any(String), updatedAt: expect.any(String) }]);
    expect(JSON.stringify(list.body)).not.toContain('very-secret-uon-key');
    const [row] = await sql<{ value_encrypted: Buffer }>('SELECT value_encrypted FROM secret');
    expect(row!.value_encrypted.toString('latin1')).not.toContain('very-secret-uon-key');
    await http().put('/api/secrets/bad name').send({ value: 'x' }).expect(400);
  });
});
