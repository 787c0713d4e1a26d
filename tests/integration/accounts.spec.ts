import type { ProcessingView } from '@provod/contracts';
import request from 'supertest';
import { api } from '../support/flows';
import { resetState, startApi, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';

describe('accounts, sessions and workspaces', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('lets the first user create the owner account, then closes sign-up to invitations', async () => {
    expect((await request(sut.url).get('/api/auth/setup').expect(200)).body).toEqual({ needsOwner: true, signupOpen: false });
    const owner = await signUp(sut.url, 'owner@example.com');
    const me = (await agent(owner).get('/api/auth/me').expect(200)).body;
    expect(me).toMatchObject({ user: { email: 'owner@example.com' }, workspaces: [{ role: 'owner' }], currentWorkspaceId: owner.workspaceId });
    expect((await request(sut.url).get('/api/auth/setup').expect(200)).body.needsOwner).toBe(false);

    const refused = await request(sut.url).post('/api/auth/signup').send({ email: 'stranger@example.com', password: 'long enough pw' }).expect(403);
    expect(refused.body.message).toMatch(/invitation/);
  });

  it('sets an httpOnly SameSite session cookie and stores only a hash of it', async () => {
    const res = await request(sut.url).post('/api/auth/signup').send({ email: 'a@example.com', password: 'long enough pw' }).expect(201);
    const cookies = res.headers['set-cookie'] as unknown as string[];
    const session = cookies.find((c) => c.startsWith('provod_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(cookies.find((c) => c.startsWith('provod_csrf='))).not.toMatch(/HttpOnly/i);
    const token = session.split(';')[0]!.split('=')[1]!;
    const { sql } = await import('../support/platform');
    const rows = await sql<{ token_hash: string }>('SELECT token_hash FROM user_session');
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('answers 401 without a session and 403 for a change without the CSRF token', async () => {
    await request(sut.url).get('/api/processings').expect(401);
    const owner = await signUp(sut.url);
    await request(sut.url).post('/api/processings').set('Cookie', owner.cookie).send({ name: 'x' }).expect(403);
    await request(sut.url).post('/api/processings').set('Cookie', owner.cookie).set('X-CSRF-Token', 'forged').send({ name: 'x' }).expect(403);
    await agent(owner).post('/api/processings').send({ name: 'x' }).expect(201);
    await agent(owner).post('/api/auth/logout').expect(204);
    await agent(owner).get('/api/processings').expect(401);
  });

  it('throttles failed sign-ins with 429 and Retry-After', async () => {
    await signUp(sut.url, 'victim@example.com');
    for (let i = 0; i < 3; i++) {
      const wrong = await request(sut.url).post('/api/auth/login').send({ email: 'victim@example.com', password: 'guess' + i }).expect(401);
      expect(wrong.body.message).toBe('Wrong e-mail or password');
    }
    const blocked = await request(sut.url).post('/api/auth/login').send({ email: 'victim@example.com', password: 'correct horse battery' }).expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    const unknown = await request(sut.url).post('/api/auth/login').send({ email: 'nobody@example.com', password: 'x' }).expect(401);
    expect(unknown.body.message).toBe('Wrong e-mail or password');
  });

  it('invites a member by link, who then sees the workspace; only the owner manages members', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'member@example.com' }).expect(201)).body;
    const token = new URL(inviteUrl).searchParams.get('invite')!;
    const member = await signUp(sut.url, 'member@example.com', { inviteToken: token });
    expect(member.workspaceId).toBe(owner.workspaceId);
    await request(sut.url).post('/api/auth/signup').send({ email: 'other@example.com', password: 'long enough pw', inviteToken: token }).expect(400);

    const members = (await agent(owner).get('/api/workspaces/current/members').expect(200)).body;
    expect(members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['member@example.com', 'member'],
    ]);
    await agent(member).post('/api/workspaces/current/invites').send({ email: 'x@example.com' }).expect(403);
    await agent(owner).delete(`/api/workspaces/current/members/${owner.userId}`).expect(400);
    await agent(owner).delete(`/api/workspaces/current/members/${member.userId}`).expect(204);
    await agent(member).get('/api/processings').expect(403);
  });

  it('creates and switches workspaces; each sees only its own processings', async () => {
    const owner = await signUp(sut.url);
    await agent(owner).post('/api/processings').send({ name: 'in first' }).expect(201);
    const me = (await agent(owner).post('/api/workspaces').send({ name: 'Second' }).expect(201)).body;
    expect(me.workspaces).toHaveLength(2);
    expect((await agent(owner).get('/api/processings').expect(200)).body).toEqual([]);
    const first = me.workspaces.find((w: { name: string }) => w.name !== 'Second').id;
    await agent(owner).post(`/api/workspaces/${first}/switch`).expect(200);
    expect((await agent(owner).get('/api/processings').expect(200)).body.map((p: ProcessingView) => p.name)).toEqual(['in first']);
    await agent(owner).post('/api/workspaces/00000000-0000-4000-8000-0000000000ff/switch').expect(404);
  });
});

describe('workspace isolation on every route', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ SIGNUP_OPEN: 'true' });
  });
  afterAll(() => sut.close());

  it("answers 404 on every route called with another workspace's ids", async () => {
    await resetState();
    const alice: Session = await signUp(sut.url, 'alice@example.com');
    const bob: Session = await signUp(sut.url, 'bob@example.com');
    expect(bob.workspaceId).not.toBe(alice.workspaceId);

    const { body: processing } = await api<ProcessingView>(alice, 'POST', '/api/processings', {
      name: 'alice',
      source: { parameters: [{ name: 'r_id' }] },
    });
    await api(alice, 'POST', `/api/processings/${processing.id}/start`);
    const hook = await fetch(`${sut.url}/hooks/${processing.webhookToken}?r_id=1`);
    const { operationId } = (await hook.json()) as { operationId: string };
    await api(alice, 'PUT', '/api/secrets/ALICE_KEY', { value: 'alice-secret-value' });

    // Every route in the OpenAPI document that names an object, called as Bob with Alice's ids.
    const doc = (await request(sut.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const ids: Record<string, string> = { id: processing.id, userId: alice.userId, name: 'ALICE_KEY' };
    const bodies: Record<string, unknown> = {
      'put /api/processings/{id}': { name: 'stolen' },
      'patch /api/processings/{id}': { name: 'stolen' },
      'put /api/processings/{id}/alerts': { recipients: ['bob@example.com'] },
    };
    const walked: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (!path.includes('{')) continue;
      for (const method of Object.keys(methods)) {
        if (method === 'put' && path === '/api/secrets/{name}') continue; // creates Bob's own secret
        let concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? processing.id);
        if (path.startsWith('/api/operations/')) concrete = concrete.replace(processing.id, operationId);
        if (path.startsWith('/api/workspaces/{id}')) concrete = concrete.replace(processing.id, alice.workspaceId);
        const res = await agent(bob)[method as 'get'](concrete).send((bodies[`${method} ${path}`] ?? {}) as object);
        expect({ route: `${method.toUpperCase()} ${concrete}`, status: res.status }).toEqual({ route: `${method.toUpperCase()} ${concrete}`, status: 404 });
        walked.push(`${method} ${path}`);
      }
    }
    expect(walked.length).toBeGreaterThanOrEqual(20);

    // Lists are scoped too, and nothing of Alice's changed.
    expect((await agent(bob).get('/api/processings').expect(200)).body).toEqual([]);
    expect((await agent(bob).get('/api/secrets').expect(200)).body).toEqual([]);
    const still = await api<ProcessingView>(alice, 'GET', `/api/processings/${processing.id}`);
    expect(still.body).toMatchObject({ name: 'alice', status: 'running', webhookToken: processing.webhookToken });
    expect((await api(alice, 'GET', '/api/secrets')).body).toHaveLength(1);
  });
});


describe('webhook abuse and HTTP hardening', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ WEBHOOK_RATE_LIMIT_PER_SECOND: '5' });
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('limits events per webhook URL with 429 and Retry-After, storing none of the refused', async () => {
    const owner = await signUp(sut.url);
    const { body: p } = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'limited' });
    // Sent within one second (the counter's window), or retried in the next window if the clock ticked over.
    let statuses: number[] = [];
    for (let attempt = 0; attempt < 3 && !statuses.includes(429); attempt++) {
      statuses = await Promise.all(Array.from({ length: 12 }, () => fetch(`${sut.url}/hooks/${p.webhookToken}`).then((r) => r.status)));
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await fetch(`${sut.url}/hooks/${p.webhookToken}`);
    if (refused.status === 429) expect(refused.headers.get('retry-after')).toBe('1');
    const { sql } = await import('../support/platform');
    const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM operation');
    expect(n).toBe(statuses.filter((s) => s === 200).length + (refused.status === 200 ? 1 : 0));
  });

  it('answers unknown tokens with a uniform 404, then makes a guesser wait', async () => {
    const answers = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const res = await fetch(`${sut.url}/hooks/guess-${i}-${Math.random().toString(36).slice(2)}`);
      answers.add(`${res.status} ${await res.text()}`);
    }
    expect([...answers]).toEqual(['404 {"message":"Unknown webhook","error":"Not Found","statusCode":404}']);
    const blocked = await fetch(`${sut.url}/hooks/one-more-guess`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('sends security headers', async () => {
    const res = await request(sut.url).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
