import type { ProcessingView } from '@provod/contracts';
import request from 'supertest';
import { api } from '../support/flows';
import { resetState, sql, startApi, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';

/** Routes about the signed-in user themselves (their sessions, password, own workspaces): any role may call them. */
const ACCOUNT_ROUTES = [/^\/api\/auth\//, /^post \/api\/workspaces$/, /^post \/api\/workspaces\/\{id\}\/switch$/];
/** Served without a session at all. */
const PUBLIC_ROUTES = [/^\/hooks\//, /^\/api\/health/, /^\/metrics/];
const OWNER_ONLY = [
  /^\w+ \/api\/workspaces\/current\/members\/\{userId\}/,
  /^post \/api\/workspaces\/current\/invites$/,
  /^put \/api\/workspace\/(settings|locale)$/,
  /^\w+ \/api\/system/,
];
/** Reading routes a viewer still may not call: secrets are not theirs to see, not even by name. */
const EDITOR_READS = [/^get \/api\/secrets$/];

/** Every table a refused call could have written to, as one fingerprint. Sessions are left out: they record their last use. */
async function fingerprint(): Promise<string> {
  const tables = ['workspace', 'workspace_member', 'workspace_invite', 'app_user', 'processing', 'processing_version', 'operation', 'secret', 'password_reset'];
  const parts = await Promise.all(
    tables.map(async (t) => (await sql<{ h: string | null }>(`SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) AS h FROM ${t} x`))[0]!.h ?? `${t}:empty`),
  );
  return parts.join(',');
}

async function invited(url: string, owner: Session, email: string, role?: string): Promise<Session> {
  const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email, role }).expect(201)).body;
  return signUp(url, email, { inviteToken: new URL(inviteUrl).searchParams.get('invite') });
}

describe('roles: owner, editor, viewer', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('walks every route: a viewer is refused every change, secrets, test runs and replays; an editor every owner-only route; nothing changes', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const editor = await invited(sut.url, owner, 'editor@example.com');
    const viewer = await invited(sut.url, owner, 'viewer@example.com', 'viewer');
    const members = (await agent(owner).get('/api/workspaces/current/members').expect(200)).body as Array<{ email: string; role: string }>;
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ['owner@example.com', 'owner'],
      ['editor@example.com', 'editor'],
      ['viewer@example.com', 'viewer'],
    ]);

    const { body: processing } = await api<ProcessingView>(owner, 'POST', '/api/processings', {
      name: 'p',
      source: { parameters: [{ name: 'r_id' }] },
      actions: [{ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template: '{"ok": true}' } }],
    });
    await api(owner, 'POST', `/api/processings/${processing.id}/start`);
    const hook = await fetch(`${sut.url}/hooks/${processing.webhookToken}?r_id=1`);
    const { operationId } = (await hook.json()) as { operationId: string };
    await api(owner, 'PUT', '/api/secrets/OWNER_KEY', { value: 'owner-secret-value' });
    const before = await fingerprint();

    const doc = (await request(sut.url).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const ids: Record<string, string> = { id: processing.id, userId: owner.userId, name: 'OWNER_KEY', version: '1' };
    const walked = { viewer: [] as string[], editor: [] as string[] };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const route = `${method} ${path}`;
        if (PUBLIC_ROUTES.some((r) => r.test(path)) || ACCOUNT_ROUTES.some((r) => r.test(path) || r.test(route))) continue;
        let concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? processing.id);
        if (path.startsWith('/api/operations/') || path.startsWith('/api/system/operations/')) concrete = concrete.replace(processing.id, operationId);
        const ownerOnly = OWNER_ONLY.some((r) => r.test(route));
        const viewerRefused = ownerOnly || method !== 'get' || EDITOR_READS.some((r) => r.test(route));
        const label = `${method.toUpperCase()} ${concrete}`;

        const asViewer = await agent(viewer)[method as 'get'](concrete).send({});
        if (viewerRefused) {
          expect({ route: label, status: asViewer.status }).toEqual({ route: label, status: 403 });
          walked.viewer.push(route);
        } else {
          // What a viewer may read, they read.
          expect({ route: label, status: asViewer.status }).toEqual({ route: label, status: 200 });
        }
        if (ownerOnly) {
          const asEditor = await agent(editor)[method as 'get'](concrete).send({});
          expect({ route: label, status: asEditor.status, code: asEditor.body.code }).toEqual({ route: label, status: 403, code: 'role_forbidden' });
          walked.editor.push(route);
        }
      }
    }
    // The walk reached the routes the roles are about.
    expect(walked.viewer).toEqual(
      expect.arrayContaining([
        'get /api/secrets',
        'put /api/secrets/{name}',
        'post /api/processings/{id}/test',
        'post /api/operations/{id}/replay',
        'post /api/processings/{id}/start',
        'post /api/processings/{id}/stop',
        'post /api/processings/{id}/versions/{version}/restore',
      ]),
    );
    expect(walked.editor).toEqual(
      expect.arrayContaining(['get /api/system', 'post /api/workspaces/current/invites', 'put /api/workspace/settings', 'put /api/workspace/locale', 'delete /api/workspaces/current/members/{userId}']),
    );
    expect(walked.viewer.length).toBeGreaterThanOrEqual(25);
    expect(await fingerprint()).toBe(before);
  });

  it('lets an editor build processings and write secrets, never read them back', async () => {
    const owner = await signUp(sut.url);
    const editor = await invited(sut.url, owner, 'editor@example.com');
    const { body: p, status } = await api<ProcessingView>(editor, 'POST', '/api/processings', { name: 'by editor' });
    expect(status).toBe(201);
    await agent(editor).put('/api/secrets/EDITOR_KEY').send({ value: 'editor-secret-value' }).expect((res) => expect(res.status).toBeLessThan(300));
    const names = (await agent(editor).get('/api/secrets').expect(200)).body;
    expect(JSON.stringify(names)).not.toContain('editor-secret-value');
    await agent(editor).post(`/api/processings/${p.id}/test`).send({ params: {} }).expect((res) => expect(res.status).not.toBe(403));
  });

  it("replaces a member's session at its next request after the owner changes their role", async () => {
    const owner = await signUp(sut.url);
    const member = await invited(sut.url, owner, 'rotated@example.com', 'viewer');
    await agent(owner).put(`/api/workspaces/current/members/${member.userId}/role`).send({ role: 'editor' }).expect(200);
    const next = await agent(member).get('/api/auth/me').expect(200);
    const cookies = (next.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
    const fresh = cookies.find((c) => c.startsWith('provod_session='))?.split(';')[0]?.slice('provod_session='.length);
    expect(fresh).toBeDefined();
    expect(member.cookie).not.toContain(fresh!);
    // The token held from before the change no longer works; the new one carries the new role.
    await agent(member).get('/api/auth/me').expect(401);
    const csrf = cookies.find((c) => c.startsWith('provod_csrf='))!.split(';')[0]!.slice('provod_csrf='.length);
    const renewed = { ...member, cookie: `provod_session=${fresh}; provod_csrf=${csrf}`, csrf };
    await agent(renewed).post('/api/processings').send({ name: 'after the change' }).expect(201);
    // Only once: the next request keeps the new session.
    const again = await agent(renewed).get('/api/auth/me').expect(200);
    expect(((again.headers['set-cookie'] as unknown as string[] | undefined) ?? []).some((c) => c.startsWith('provod_session='))).toBe(false);
  });

  it('lets the owner change a role, which applies to open sessions at once; the last owner stays an owner', async () => {
    const owner = await signUp(sut.url);
    const member = await invited(sut.url, owner, 'member@example.com', 'viewer');
    await agent(member).post('/api/processings').send({ name: 'x' }).expect(403);
    const changed = (await agent(owner).put(`/api/workspaces/current/members/${member.userId}/role`).send({ role: 'editor' }).expect(200)).body;
    expect(changed).toMatchObject({ userId: member.userId, role: 'editor' });
    await agent(member).post('/api/processings').send({ name: 'x' }).expect(201);

    await agent(owner).put(`/api/workspaces/current/members/${member.userId}/role`).send({ role: 'admin' }).expect(400);
    const last = await agent(owner).put(`/api/workspaces/current/members/${owner.userId}/role`).send({ role: 'viewer' }).expect(400);
    expect(last.body.message).toMatch(/needs an owner/);
    await agent(owner).put('/api/workspaces/current/members/00000000-0000-4000-8000-0000000000ff/role').send({ role: 'viewer' }).expect(404);

    // With a second owner, the first may step down.
    await agent(owner).put(`/api/workspaces/current/members/${member.userId}/role`).send({ role: 'owner' }).expect(200);
    await agent(owner).put(`/api/workspaces/current/members/${owner.userId}/role`).send({ role: 'viewer' }).expect(200);
    await agent(owner).get('/api/system').expect(403);
  });
});
