import type { ProcessingView } from '@provod/contracts';
import request from 'supertest';
import { api } from '../support/flows';
import { resetState, startApi, testConfig, type RunningApi } from '../support/platform';
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
      ['member@example.com', 'editor'],
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
      actions: [{ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template: '{"ok": true}' } }],
    });
    await api(alice, 'POST', `/api/processings/${processing.id}/start`);
    const hook = await fetch(`${sut.url}/hooks/${processing.webhookToken}?r_id=1`);
    const { operationId } = (await hook.json()) as { operationId: string };
    await api(alice, 'PUT', '/api/secrets/ALICE_KEY', { value: 'alice-secret-value' });

    // Every route in the OpenAPI document that names an object, called as Bob with Alice's ids.
    const doc = (await request(sut.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const ids: Record<string, string> = { id: processing.id, userId: alice.userId, name: 'ALICE_KEY', version: '1' };
    const bodies: Record<string, unknown> = {
      'put /api/processings/{id}': { name: 'stolen', source: {}, actions: [] },
      'patch /api/processings/{id}': { name: 'stolen' },
      'put /api/processings/{id}/alerts': { recipients: ['bob@example.com'] },
      'put /api/workspaces/current/members/{userId}/role': { role: 'viewer' },
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

  it("never refuses a known webhook URL because of the same client's 404s, nor lets X-Forwarded-For reset the count", async () => {
    const owner = await signUp(sut.url);
    const { body: p } = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'live' });
    // A CRM holding one stale URL, or a proxy that hides every client behind one address.
    for (let i = 0; i < 61; i++) await fetch(`${sut.url}/hooks/stale-url-${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
    const guess = await fetch(`${sut.url}/hooks/stale-url-one-more`, { headers: { 'x-forwarded-for': '198.51.100.250' } });
    expect(guess.status).toBe(429);
    const live = await fetch(`${sut.url}/hooks/${p.webhookToken}`);
    expect(live.status).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await request(sut.url).get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

const signupBody = (email: string, extra: Record<string, unknown> = {}) => ({ email, password: 'correct horse battery', ...extra });
const tokenOf = (inviteUrl: string) => new URL(inviteUrl).searchParams.get('invite')!;

describe('one owner, invitations bound to their address, strong passwords', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('makes exactly one owner of concurrent first sign-ups, enforced by the database', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => request(sut.url).post('/api/auth/signup').send(signupBody(`racer${i}@example.com`)).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 403)).toBe(true);
    const { sql } = await import('../support/platform');
    const [counts] = await sql<{ users: number; owners: number; claims: number }>(
      `SELECT (SELECT count(*)::int FROM app_user) AS users,
              (SELECT count(*)::int FROM workspace_member WHERE role = 'owner') AS owners,
              (SELECT count(*)::int FROM install_owner) AS claims`,
    );
    expect(counts).toEqual({ users: 1, owners: 1, claims: 1 });
    // The database itself refuses a second claim, whatever the code path.
    await expect(sql(`INSERT INTO install_owner (user_id) SELECT id FROM app_user`)).rejects.toThrow(/install_owner_pkey/);
  });

  it("refuses an invitation used by another address, and keeps it when the sign-up fails", async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const invite = async (email: string) =>
      tokenOf((await agent(owner).post('/api/workspaces/current/invites').send({ email }).expect(201)).body.inviteUrl);

    const forDave = await invite('dave@example.com');
    const mallory = await request(sut.url).post('/api/auth/signup').send(signupBody('mallory@example.com', { inviteToken: forDave })).expect(403);
    expect(mallory.body.message).toMatch(/another e-mail address/);
    // Dave's link still works for Dave (case-insensitively), once.
    const dave = await signUp(sut.url, 'Dave@Example.com', { inviteToken: forDave });
    expect(dave.workspaceId).toBe(owner.workspaceId);

    // A sign-up that fails (409: the account exists) does not use the invitation up.
    const again = await invite('dave@example.com');
    await request(sut.url).post('/api/auth/signup').send(signupBody('dave@example.com', { inviteToken: again })).expect(409);
    const { sql } = await import('../support/platform');
    const [row] = await sql<{ accepted_at: Date | null }>(`SELECT accepted_at FROM workspace_invite ORDER BY created_at DESC LIMIT 1`);
    expect(row!.accepted_at).toBeNull();

    // A signed-in user cannot accept an invitation sent to someone else.
    const second = await agent(owner).post('/api/workspaces').send({ name: 'Second' }).expect(201);
    const forErin = tokenOf((await agent(owner).post('/api/workspaces/current/invites').send({ email: 'erin@example.com' }).expect(201)).body.inviteUrl);
    const refused = await agent(dave).post('/api/auth/accept-invite').send({ token: forErin }).expect(403);
    expect(refused.body.message).toMatch(/another e-mail address/);
    const forDaveInSecond = tokenOf((await agent(owner).post('/api/workspaces/current/invites').send({ email: 'dave@example.com' }).expect(201)).body.inviteUrl);
    const accepted = await agent(dave).post('/api/auth/accept-invite').send({ token: forDaveInSecond }).expect(200);
    expect(accepted.body.currentWorkspaceId).toBe(second.body.currentWorkspaceId);
  });

  it('refuses short and common passwords, naming the reason', async () => {
    const short = await request(sut.url).post('/api/auth/signup').send({ email: 'o@example.com', password: '12345678' }).expect(400);
    expect(short.body.issues).toEqual([{ path: 'password', message: 'use at least 10 characters' }]);
    for (const [password, code] of [
      ['1234567890', 'password_common'],
      ['qwertyuiop', 'password_common'],
      ['o@example.com', 'password_personal'],
    ] as const) {
      const res = await request(sut.url).post('/api/auth/signup').send({ email: 'o@example.com', password }).expect(400);
      expect({ password, code: res.body.code }).toEqual({ password, code });
      expect(res.body.issues[0].path).toBe('password');
    }
    const { sql } = await import('../support/platform');
    expect(await sql('SELECT id FROM app_user')).toEqual([]);
    await request(sut.url).post('/api/auth/signup').send({ email: 'o@example.com', password: 'correct horse battery' }).expect(201);
  });
});

describe('sign-in throttling by account and address', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ LOGIN_MAX_FAILURES: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  const login = (from: string, password: string, email = 'owner@example.com') =>
    request(sut.url).post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('slows the guesser down without locking the owner out', async () => {
    await signUp(sut.url, 'owner@example.com');
    await login('198.51.100.7', 'correct horse battery').expect(200); // the owner's usual address

    // A guesser on many addresses: each address is slowed after 3 failures, the account after 15.
    const statuses: number[] = [];
    for (let a = 0; a < 6; a++) for (let i = 0; i < 4; i++) statuses.push((await login(`203.0.113.${a}`, `guess-${a}-${i}`)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(15);
    const blocked = await login('203.0.113.99', 'another guess').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);

    // The owner, from the address they signed in from before, signs in at once.
    await login('198.51.100.7', 'correct horse battery').expect(200);
  });

  it('slows the guessed account at that address, not the address for other accounts', async () => {
    await signUp(sut.url, 'owner@example.com');
    for (let i = 0; i < 3; i++) await login('192.0.2.10', `guess-${i}`).expect(401);
    await login('192.0.2.10', 'correct horse battery').expect(429);
    // The pair is slowed; the same address for another account is not.
    await request(sut.url).post('/api/auth/login').set('X-Forwarded-For', '192.0.2.10').send({ email: 'nobody@example.com', password: 'x' }).expect(401);
  });

  it('waits longer after each further failure (30 s, then 60 s …)', async () => {
    await signUp(sut.url, 'owner@example.com');
    for (let i = 0; i < 3; i++) await login('192.0.2.20', `guess-${i}`).expect(401);
    const first = await login('192.0.2.20', 'guess').expect(429);
    expect(Number(first.headers['retry-after'])).toBeLessThanOrEqual(30);
    // Pretend the 30 s have passed: one more try is allowed, and its failure doubles the wait.
    const IORedis = (await import('ioredis')).default;
    const { testConfig } = await import('../support/platform');
    const redis = new IORedis(testConfig().REDIS_URL);
    try {
      const key = `${testConfig().QUEUE_PREFIX}:login:pair:owner@example.com:192.0.2.20`;
      await redis.hset(key, 'last', String(Date.now() - 31_000));
      await login('192.0.2.20', 'guess-again').expect(401);
      const second = await login('192.0.2.20', 'guess').expect(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(30);
      expect(Number(second.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      redis.disconnect();
    }
  });
});

describe('X-Forwarded-For without TRUST_PROXY', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('is ignored, so rotating it does not get around the sign-in limit', async () => {
    await signUp(sut.url, 'owner@example.com');
    for (let i = 0; i < 3; i++) {
      await request(sut.url).post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ email: 'owner@example.com', password: `guess-${i}` }).expect(401);
    }
    await request(sut.url).post('/api/auth/login').set('X-Forwarded-For', '203.0.113.200').send({ email: 'owner@example.com', password: 'guess' }).expect(429);
  });
});

describe('sessions: rotation, the list, revoking', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  const loginAs = (email: string, password = 'correct horse battery', cookie?: string) => {
    const req = request(sut.url).post('/api/auth/login').set('User-Agent', 'Firefox/140 test');
    if (cookie) req.set('Cookie', cookie);
    return req.send({ email, password });
  };
  const sessionOf = (res: request.Response, base: Session): Session => {
    const cookies = Object.fromEntries((res.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]!.split('=') as [string, string]));
    return { ...base, cookie: `provod_session=${cookies.provod_session}; provod_csrf=${cookies.provod_csrf}`, csrf: cookies.provod_csrf! };
  };

  it('replaces the session a browser brings to sign-in, and lists sessions with where they came from', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const res = await loginAs('owner@example.com', 'correct horse battery', owner.cookie).expect(200);
    const fresh = sessionOf(res, owner);
    expect(fresh.cookie).not.toBe(owner.cookie);
    await agent(owner).get('/api/auth/me').expect(401);

    const list = (await agent(fresh).get('/api/auth/sessions').expect(200)).body;
    expect(list).toEqual([
      { id: expect.any(String), createdAt: expect.any(String), lastUsedAt: expect.any(String), userAgent: 'Firefox/140 test', address: '127.0.0.1', current: true },
    ]);
  });

  it('revokes one session, or all of them ("sign out everywhere")', async () => {
    const first = await signUp(sut.url, 'owner@example.com');
    const a = sessionOf(await loginAs('owner@example.com').expect(200), first);
    const b = sessionOf(await loginAs('owner@example.com').expect(200), first);
    expect((await agent(a).get('/api/auth/sessions').expect(200)).body).toHaveLength(3);
    const bId = ((await agent(b).get('/api/auth/sessions').expect(200)).body as Array<{ id: string; current: boolean }>).find((s) => s.current)!.id;
    await agent(a).delete(`/api/auth/sessions/${bId}`).expect(204);
    await agent(b).get('/api/auth/me').expect(401);
    expect((await agent(a).get('/api/auth/sessions').expect(200)).body).toHaveLength(2);
    await agent(a).delete(`/api/auth/sessions/${bId}`).expect(404);

    await agent(a).post('/api/auth/sessions/revoke-all').expect(204);
    await agent(a).get('/api/auth/me').expect(401);
    await agent(first).get('/api/auth/me').expect(401);
  });

  it('changing the password ends every other session and replaces this one', async () => {
    await signUp(sut.url, 'owner@example.com');
    const a = sessionOf(await loginAs('owner@example.com').expect(200), { url: sut.url } as Session);
    const b = sessionOf(await loginAs('owner@example.com').expect(200), { url: sut.url } as Session);
    const wrong = await agent(a).post('/api/auth/password').send({ currentPassword: 'nope', newPassword: 'a brand new passphrase' }).expect(400);
    expect(wrong.body.code).toBe('wrong_password');
    const weak = await agent(a).post('/api/auth/password').send({ currentPassword: 'correct horse battery', newPassword: 'password123' }).expect(400);
    expect(weak.body.code).toBe('password_common');
    const changed = await agent(a).post('/api/auth/password').send({ currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' }).expect(200);
    const renewed = sessionOf(changed, a);
    await agent(a).get('/api/auth/me').expect(401);
    await agent(b).get('/api/auth/me').expect(401);
    await agent(renewed).get('/api/auth/me').expect(200);
    await loginAs('owner@example.com', 'a brand new passphrase').expect(200);
  });

  it('replaces the session when accepting an invitation grows its privileges', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const forDave = tokenOf((await agent(owner).post('/api/workspaces/current/invites').send({ email: 'dave@example.com' }).expect(201)).body.inviteUrl);
    const dave = await signUp(sut.url, 'dave@example.com', { inviteToken: forDave });
    await agent(owner).post('/api/workspaces').send({ name: 'Second' }).expect(201);
    const forDave2 = tokenOf((await agent(owner).post('/api/workspaces/current/invites').send({ email: 'dave@example.com' }).expect(201)).body.inviteUrl);
    const res = await agent(dave).post('/api/auth/accept-invite').send({ token: forDave2 }).expect(200);
    await agent(dave).get('/api/auth/me').expect(401);
    expect((await agent(sessionOf(res, dave)).get('/api/auth/me').expect(200)).body.workspaces).toHaveLength(2);
  });
});

describe('sign-in while Redis is unreachable', () => {
  beforeEach(() => resetState());

  it('refuses plainly with 503 instead of letting guesses through unthrottled', async () => {
    const sut = await startApi({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      await signUp(sut.url, 'owner@example.com');
      const res = await request(sut.url).post('/api/auth/login').send({ email: 'owner@example.com', password: 'correct horse battery' }).expect(503);
      expect(res.body.message).toMatch(/Redis cannot be reached/);
    } finally {
      await sut.close();
    }
  });
});

describe('ADMIN_PASSWORD', () => {
  beforeEach(() => resetState());

  it('follows the sign-up rule: a common password stops the start with the reason', async () => {
    await expect(startApi({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'qwertyuiop' })).rejects.toThrow(
      'ADMIN_PASSWORD is refused: This password is in lists of common passwords; choose another.',
    );
    expect(() => testConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD: use at least 10 characters/);
    const sut = await startApi({ ADMIN_EMAIL: 'admin@example.com', ADMIN_PASSWORD: 'a long admin passphrase' });
    try {
      await request(sut.url).post('/api/auth/login').send({ email: 'admin@example.com', password: 'a long admin passphrase' }).expect(200);
    } finally {
      await sut.close();
    }
  });
});
