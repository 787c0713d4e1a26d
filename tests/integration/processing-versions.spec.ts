import type { ProcessingView } from '@provod/contracts';
import { api } from '../support/flows';
import { resetState, sql, startApi, type RunningApi } from '../support/platform';
import { agent, signUp, type Session } from '../support/session';

interface VersionList {
  current: number;
  versions: Array<{ version: number; savedAt: string; author: { userId: string | null; email: string; name: string } | null; restoredFrom: number | null }>;
}

const ack = (template: string) => ({ id: 'a1', key: 'ack', type: 'json_composer', name: 'Ack', settings: { template } });

/** Signs up the owner, invites `email` as an editor and signs them up. */
async function ownerAndEditor(url: string): Promise<{ owner: Session; editor: Session }> {
  const owner = await signUp(url, 'owner@example.com', { name: 'Olga Owner' });
  const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'ed@example.com' }).expect(201)).body;
  const editor = await signUp(url, 'ed@example.com', { name: 'Ed Editor', inviteToken: new URL(inviteUrl).searchParams.get('invite') });
  return { owner, editor };
}

describe('processing versions: who changed what, and restoring', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('records who saved every version and when, newest first, and keeps the author readable after they are removed', async () => {
    const { owner, editor } = await ownerAndEditor(sut.url);
    const { body: p } = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'p', actions: [ack('{"v": 1}')] });
    await agent(editor).patch(`/api/processings/${p.id}`).send({ actions: [ack('{"v": 2}')] }).expect(200);

    const list = (await agent(owner).get(`/api/processings/${p.id}/versions`).expect(200)).body as VersionList;
    expect(list.current).toBe(2);
    expect(list.versions.map((v) => [v.version, v.author?.email, v.author?.name, v.restoredFrom])).toEqual([
      [2, 'ed@example.com', 'Ed Editor', null],
      [1, 'owner@example.com', 'Olga Owner', null],
    ]);
    expect(list.versions[0]!.author!.userId).toBe(editor.userId);
    expect(Date.parse(list.versions[0]!.savedAt)).toBeGreaterThanOrEqual(Date.parse(list.versions[1]!.savedAt));

    const v1 = (await agent(owner).get(`/api/processings/${p.id}/versions/1`).expect(200)).body;
    expect(v1).toMatchObject({ version: 1, author: { email: 'owner@example.com' }, actions: [{ key: 'ack', settings: { template: '{"v": 1}' } }] });

    // Removed from the workspace, then the account deleted: the version still says who it was.
    await agent(owner).delete(`/api/workspaces/current/members/${editor.userId}`).expect(204);
    await sql('DELETE FROM app_user WHERE id = $1', [editor.userId]);
    const after = (await agent(owner).get(`/api/processings/${p.id}/versions`).expect(200)).body as VersionList;
    expect(after.versions[0]!.author).toEqual({ userId: null, email: 'ed@example.com', name: 'Ed Editor' });
  });

  it('restores an earlier version as a new version, leaving the history as it was', async () => {
    const { owner, editor } = await ownerAndEditor(sut.url);
    const { body: p } = await api<ProcessingView>(owner, 'POST', '/api/processings', {
      name: 'p',
      source: { parameters: [{ name: 'r_id' }] },
      actions: [ack('{"v": 1}')],
    });
    await agent(owner).patch(`/api/processings/${p.id}`).send({ name: 'renamed', source: { parameters: [{ name: 'lead_id' }] }, actions: [ack('{"v": 2}')] }).expect(200);
    const before = await sql('SELECT version, source, actions FROM processing_version WHERE processing_id = $1 ORDER BY version', [p.id]);

    const restored = (await agent(editor).post(`/api/processings/${p.id}/versions/1/restore`).expect(200)).body;
    expect(restored).toMatchObject({ version: 3, name: 'renamed', restoredFrom: 1, source: { parameters: [{ name: 'r_id' }] } });
    expect(restored.actions).toEqual(p.actions);

    const now = await sql('SELECT version, source, actions FROM processing_version WHERE processing_id = $1 ORDER BY version', [p.id]);
    expect(now.slice(0, 2)).toEqual(before);
    expect(now[2]).toEqual({ version: 3, source: before[0]!.source, actions: before[0]!.actions });
    const list = (await agent(owner).get(`/api/processings/${p.id}/versions`).expect(200)).body as VersionList;
    expect(list.versions[0]).toMatchObject({ version: 3, restoredFrom: 1, author: { email: 'ed@example.com' } });

    // The current version is not "restored" onto itself; unknown versions are 404, nonsense 400.
    const same = await agent(owner).post(`/api/processings/${p.id}/versions/3/restore`).expect(400);
    expect(same.body.message).toMatch(/current version/);
    await agent(owner).post(`/api/processings/${p.id}/versions/99/restore`).expect(404);
    await agent(owner).get(`/api/processings/${p.id}/versions/abc`).expect(400);
    expect((await sql('SELECT count(*)::int AS n FROM processing_version WHERE processing_id = $1', [p.id]))[0]).toEqual({ n: 3 });
  });

  it('pages back through a long history with before and limit', async () => {
    const owner = await signUp(sut.url);
    const { body: p } = await api<ProcessingView>(owner, 'POST', '/api/processings', { name: 'p' });
    for (let i = 2; i <= 5; i++) await agent(owner).patch(`/api/processings/${p.id}`).send({ name: `p${i}` }).expect(200);
    const first = (await agent(owner).get(`/api/processings/${p.id}/versions?limit=2`).expect(200)).body as VersionList;
    expect(first.versions.map((v) => v.version)).toEqual([5, 4]);
    const next = (await agent(owner).get(`/api/processings/${p.id}/versions?limit=2&before=4`).expect(200)).body as VersionList;
    expect(next.versions.map((v) => v.version)).toEqual([3, 2]);
    await agent(owner).get(`/api/processings/${p.id}/versions?limit=1000`).expect(400);
  });
});
