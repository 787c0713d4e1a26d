import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { resetPasswordCommand } from '../../apps/api/src/auth/reset-password.command';
import { resetState, sql, startApi, testConfig, waitFor, type RunningApi } from '../support/platform';
import { agent, signUp, startSession } from '../support/session';

/** A real SMTP server on loopback keeping each message's recipients and (quoted-printable-decoded) text. */
class Mailbox {
  readonly messages: Array<{ to: string[]; text: string }> = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8').replace(/=\r\n/g, '').replace(/=3D/g, '=');
          this.messages.push({ to: session.envelope.rcptTo.map((r) => r.address), text: raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  linkIn(index: number): string {
    const match = this.messages[index]!.text.match(/https:\/\/provod\.test\/reset-password\?token=[A-Za-z0-9_-]+/);
    if (!match) throw new Error(`no reset link in message ${index}`);
    return match[0];
  }
}

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const login = (url: string, email: string, password: string) => request(url).post('/api/auth/login').send({ email, password });

describe('password reset by e-mail (SMTP set up)', () => {
  const mailbox = new Mailbox();
  let sut: RunningApi;
  beforeAll(async () => {
    await mailbox.start();
    sut = await startApi({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://provod.test' });
  });
  afterAll(async () => {
    await sut.close();
    await mailbox.stop();
  });
  beforeEach(() => resetState());

  it('mails a single-use link that sets a new password and ends every session; the token is stored hashed', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const asked = await request(sut.url).post('/api/auth/password-reset/request').send({ email: 'owner@example.com' }).expect(202);
    expect(asked.body).toEqual({ mailConfigured: true });
    // An unknown address gets the same answer and no mail.
    expect((await request(sut.url).post('/api/auth/password-reset/request').send({ email: 'nobody@example.com' }).expect(202)).body).toEqual({
      mailConfigured: true,
    });
    await waitFor(async () => mailbox.messages.length >= 1, 15_000, 'the reset e-mail');
    expect(mailbox.messages.map((m) => m.to)).toEqual([['owner@example.com']]);
    const token = tokenOf(mailbox.linkIn(0));
    const [stored] = await sql<{ token_hash: string }>('SELECT token_hash FROM password_reset');
    expect(stored!.token_hash).not.toBe(token);

    expect((await request(sut.url).get(`/api/auth/password-reset/${token}`).expect(200)).body).toEqual({ email: 'owner@example.com' });
    const weak = await request(sut.url).post('/api/auth/password-reset/complete').send({ token, password: 'password123' }).expect(400);
    expect(weak.body.code).toBe('password_common');
    const done = await request(sut.url).post('/api/auth/password-reset/complete').send({ token, password: 'a fresh passphrase here' }).expect(200);
    expect(done.body.user.email).toBe('owner@example.com');
    expect(done.headers['set-cookie']).toBeDefined();

    await agent(owner).get('/api/auth/me').expect(401);
    await login(sut.url, 'owner@example.com', 'correct horse battery').expect(401);
    await login(sut.url, 'owner@example.com', 'a fresh passphrase here').expect(200);
    // Once only.
    await request(sut.url).post('/api/auth/password-reset/complete').send({ token, password: 'yet another passphrase' }).expect(400);
    await request(sut.url).get(`/api/auth/password-reset/${token}`).expect(404);
  });

  it('refuses a link past its hour', async () => {
    await signUp(sut.url, 'owner@example.com');
    await request(sut.url).post('/api/auth/password-reset/request').send({ email: 'owner@example.com' }).expect(202);
    await waitFor(async () => mailbox.messages.length >= 2, 15_000, 'the reset e-mail');
    const token = tokenOf(mailbox.linkIn(mailbox.messages.length - 1));
    await sql(`UPDATE password_reset SET created_at = now() - interval '61 minutes', expires_at = now() - interval '1 minute'`);
    const res = await request(sut.url).post('/api/auth/password-reset/complete').send({ token, password: 'a fresh passphrase here' }).expect(400);
    expect(res.body.message).toMatch(/works once, for an hour/);
  });
});

describe('password reset without SMTP: a link from the owner, or the server command', () => {
  let sut: RunningApi;
  beforeAll(async () => {
    sut = await startApi({ PUBLIC_URL: 'https://provod.test' });
  });
  afterAll(() => sut.close());
  beforeEach(() => resetState());

  it('says mail is not set up, and lets an owner issue a one-time link for a member they fully own', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    expect((await request(sut.url).post('/api/auth/password-reset/request').send({ email: 'owner@example.com' }).expect(202)).body).toEqual({
      mailConfigured: false,
    });
    const invite = (await agent(owner).post('/api/workspaces/current/invites').send({ email: 'dave@example.com' }).expect(201)).body.inviteUrl;
    const dave = await signUp(sut.url, 'dave@example.com', { inviteToken: new URL(invite).searchParams.get('invite') });

    await agent(dave).post(`/api/workspaces/current/members/${owner.userId}/password-reset`).expect(403);
    await agent(owner).post(`/api/workspaces/current/members/${owner.userId}/password-reset`).expect(400);
    const { resetUrl } = (await agent(owner).post(`/api/workspaces/current/members/${dave.userId}/password-reset`).expect(201)).body;
    expect(resetUrl).toMatch(/^https:\/\/provod\.test\/reset-password\?token=/);
    await request(sut.url).post('/api/auth/password-reset/complete').send({ token: tokenOf(resetUrl), password: 'dave has a new one' }).expect(200);
    await agent(dave).get('/api/auth/me').expect(401);
    await login(sut.url, 'dave@example.com', 'dave has a new one').expect(200);

    // Once Dave owns a workspace of his own, this owner may no longer reset his password.
    const daveAgain = await startSession(sut.url, '/api/auth/login', { email: 'dave@example.com', password: 'dave has a new one' });
    await agent(daveAgain).post('/api/workspaces').send({ name: "Dave's" }).expect(201);
    const refused = await agent(owner).post(`/api/workspaces/current/members/${dave.userId}/password-reset`).expect(403);
    expect(refused.body.message).toMatch(/workspace you do not own/);
  });

  it('gives a locked-out sole owner a link, or sets a password, from the server', async () => {
    const owner = await signUp(sut.url, 'owner@example.com');
    const config = testConfig({ PUBLIC_URL: 'https://provod.test' });
    const link = await resetPasswordCommand(config, 'OWNER@example.com');
    expect(link).toMatchObject({ kind: 'link', email: 'owner@example.com' });
    const url = (link as { url: string }).url;
    expect((await request(sut.url).get(`/api/auth/password-reset/${tokenOf(url)}`).expect(200)).body.email).toBe('owner@example.com');

    await expect(resetPasswordCommand(config, 'owner@example.com', 'qwertyuiop')).rejects.toThrow(/common passwords/);
    await expect(resetPasswordCommand(config, 'nobody@example.com')).rejects.toThrow(/No account/);
    expect(await resetPasswordCommand(config, 'owner@example.com', 'set on the server side')).toEqual({
      kind: 'password-set',
      email: 'owner@example.com',
      sessionsEnded: 1,
    });
    await agent(owner).get('/api/auth/me').expect(401);
    await login(sut.url, 'owner@example.com', 'set on the server side').expect(200);
  });
});
