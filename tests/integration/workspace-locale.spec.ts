import { sql, startApi, resetState, type RunningApi } from '../support/platform';
import { agent, signUp } from '../support/session';

/** The language and time zone of a workspace's alert e-mails: owners change them, others read them. */
describe('workspace e-mail language and time zone', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi();
  });
  afterAll(() => sut.close());

  it('starts Russian on Moscow time, takes a known zone from the owner, and refuses others', async () => {
    await resetState();
    const owner = await signUp(sut.url, 'owner@example.com');
    expect((await agent(owner).get('/api/workspace/locale').expect(200)).body).toEqual({ language: 'ru', timeZone: 'Europe/Moscow' });

    await agent(owner).put('/api/workspace/locale').send({ language: 'en', timeZone: 'Mars/Olympus' }).expect(400);
    await agent(owner).put('/api/workspace/locale').send({ language: 'de', timeZone: 'UTC' }).expect(400);
    const saved = await agent(owner).put('/api/workspace/locale').send({ language: 'en', timeZone: 'Asia/Yekaterinburg' }).expect(200);
    expect(saved.body).toEqual({ language: 'en', timeZone: 'Asia/Yekaterinburg' });
    // What the alert e-mails read.
    const [row] = await sql<{ language: string; time_zone: string }>('SELECT language, time_zone FROM workspace WHERE id = $1', [owner.workspaceId]);
    expect(row).toEqual({ language: 'en', time_zone: 'Asia/Yekaterinburg' });

    const { inviteUrl } = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'editor@example.com' }).expect(201)).body;
    const editor = await signUp(sut.url, 'editor@example.com', { inviteToken: new URL(inviteUrl).searchParams.get('invite')! });
    expect((await agent(editor).get('/api/workspace/locale').expect(200)).body.timeZone).toBe('Asia/Yekaterinburg');
    await agent(editor).put('/api/workspace/locale').send({ language: 'ru', timeZone: 'UTC' }).expect(403);
  });
});
