import {
  AccountsRepository,
  FIRST_WORKSPACE_ID,
  hashToken,
  InvitesRepository,
  PasswordResetsRepository,
  SessionsRepository,
} from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { member, user, workspace } from './fixtures';

const HOUR = 3600_000;
const newUser = (email: string) => ({ email, name: email.split('@')[0]!, passwordHash: 'argon2-hash' });

describe('AccountsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new AccountsRepository(database.db);
  const invites = () => new InvitesRepository(database.db);

  describe('createUser', () => {
    it('the first owner takes over the first workspace; a second claim is refused and writes nothing', async () => {
      expect(await sut().createUser(newUser('owner@example.com'), { kind: 'first-owner' })).toEqual({
        userId: expect.any(String),
        workspaceId: FIRST_WORKSPACE_ID,
      });
      expect(await sut().createUser(newUser('late@example.com'), { kind: 'first-owner' })).toEqual({ refused: 'owner-exists' });
      expect(await sut().countUsers()).toBe(1);
      expect((await sut().members(FIRST_WORKSPACE_ID)).map((m) => [m.email, m.role])).toEqual([['owner@example.com', 'owner']]);
    });

    it('concurrent first sign-ups: exactly one becomes the owner', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) => sut().createUser(newUser(`racer${i}@example.com`), { kind: 'first-owner' })),
      );
      expect(results.filter((r) => 'userId' in r)).toHaveLength(1);
      expect(results.filter((r) => 'refused' in r && r.refused === 'owner-exists')).toHaveLength(4);
      expect(await sut().countUsers()).toBe(1);
    });

    it('refuses an e-mail that is taken in any letter case', async () => {
      await sut().createUser(newUser('Anna@Example.com'), { kind: 'own', workspaceName: 'A' });
      expect(await sut().createUser(newUser('anna@example.COM'), { kind: 'own', workspaceName: 'B' })).toEqual({ refused: 'email-taken' });
      expect(await database.sql(`SELECT count(*)::int AS n FROM workspace WHERE name = 'B'`)).toEqual([{ n: 0 }]);
      expect((await sut().findUserByEmail('ANNA@example.com'))?.email).toBe('Anna@Example.com');
    });

    it('with an invitation: joins with the invited role and uses the invitation up', async () => {
      const owner = await user(database.sql);
      const ws = await workspace(database.sql);
      await invites().create('invite-token', ws, 'Bob@example.com', owner, HOUR, 'viewer');
      expect(await invites().findLive('invite-token')).toEqual({ workspaceId: ws, email: 'Bob@example.com' });
      const created = await sut().createUser(newUser('bob@example.com'), { kind: 'invite', tokenHash: hashToken('invite-token') });
      expect(created).toEqual({ userId: expect.any(String), workspaceId: ws });
      expect(await sut().memberships((created as { userId: string }).userId)).toEqual([{ id: ws, name: expect.any(String), role: 'viewer' }]);
      expect(await invites().findLive('invite-token')).toBeNull();
      expect(await sut().createUser(newUser('carl@example.com'), { kind: 'invite', tokenHash: hashToken('invite-token') })).toEqual({
        refused: 'invite-invalid',
      });
    });

    it('an invitation for another address or past its time is refused, and neither the user nor the invitation is spent', async () => {
      const owner = await user(database.sql);
      const ws = await workspace(database.sql);
      await invites().create('for-dora', ws, 'dora@example.com', owner, HOUR, 'editor');
      await invites().create('expired', ws, 'eve@example.com', owner, -1, 'editor');
      expect(await sut().createUser(newUser('mallory@example.com'), { kind: 'invite', tokenHash: hashToken('for-dora') })).toEqual({
        refused: 'invite-invalid',
      });
      expect(await sut().createUser(newUser('eve@example.com'), { kind: 'invite', tokenHash: hashToken('expired') })).toEqual({
        refused: 'invite-invalid',
      });
      expect(await sut().findUserByEmail('mallory@example.com')).toBeNull();
      expect(await invites().findLive('for-dora')).not.toBeNull();
      expect(await invites().findLive('expired')).toBeNull();
    });
  });

  it('joinWithInvite: a signed-in user joins; null and nothing spent for the wrong address', async () => {
    const owner = await user(database.sql);
    const ws = await workspace(database.sql);
    const frank = await user(database.sql, 'frank@example.com');
    await invites().create('tok', ws, 'frank@example.com', owner, HOUR, 'editor');
    expect(await sut().joinWithInvite(hashToken('tok'), frank, 'other@example.com')).toBeNull();
    expect(await sut().joinWithInvite(hashToken('tok'), frank, 'frank@example.com')).toBe(ws);
    expect(await sut().memberships(frank)).toEqual([{ id: ws, name: expect.any(String), role: 'editor' }]);
  });

  describe('members', () => {
    it('lists owners, then editors, then viewers, by e-mail', async () => {
      const ws = await workspace(database.sql);
      for (const [email, role] of [['z-viewer@x.io', 'viewer'], ['b-editor@x.io', 'editor'], ['y-owner@x.io', 'owner'], ['a-editor@x.io', 'editor']] as const) {
        await member(database.sql, ws, await user(database.sql, email), role);
      }
      expect((await sut().members(ws)).map((m) => m.email)).toEqual(['y-owner@x.io', 'a-editor@x.io', 'b-editor@x.io', 'z-viewer@x.io']);
    });

    it('removeMember never removes the last owner, and detaches the removed member\'s sessions', async () => {
      const ws = await workspace(database.sql);
      const owner = await user(database.sql);
      const editor = await user(database.sql);
      await member(database.sql, ws, owner, 'owner');
      await member(database.sql, ws, editor, 'editor');
      const sessions = new SessionsRepository(database.db);
      await sessions.create('editor-session', editor, ws, 'csrf', HOUR);
      expect(await sut().removeMember(ws, owner)).toBe('last-owner');
      expect(await sut().removeMember(ws, editor)).toBe('removed');
      expect(await sut().removeMember(ws, editor)).toBe('not-found');
      expect(await database.sql(`SELECT workspace_id FROM user_session WHERE user_id = $1`, [editor])).toEqual([{ workspace_id: null }]);
    });

    it('setRole: two owners demoting each other at once leave one owner', async () => {
      const ws = await workspace(database.sql);
      const a = await user(database.sql);
      const b = await user(database.sql);
      await member(database.sql, ws, a, 'owner');
      await member(database.sql, ws, b, 'owner');
      const results = await Promise.all([sut().setRole(ws, a, 'editor'), sut().setRole(ws, b, 'editor')]);
      expect(results.sort()).toEqual(['changed', 'last-owner']);
      expect((await sut().members(ws)).filter((m) => m.role === 'owner')).toHaveLength(1);
      expect(await sut().setRole(ws, await user(database.sql), 'viewer')).toBe('not-found');
    });

    it('ownsEveryWorkspaceOf: only when the owner owns each workspace the user is in', async () => {
      const owner = await user(database.sql);
      const target = await user(database.sql);
      const mine = await workspace(database.sql);
      const theirs = await workspace(database.sql);
      await member(database.sql, mine, owner, 'owner');
      await member(database.sql, mine, target, 'editor');
      expect(await sut().ownsEveryWorkspaceOf(owner, target)).toBe(true);
      await member(database.sql, theirs, target, 'owner');
      expect(await sut().ownsEveryWorkspaceOf(owner, target)).toBe(false);
    });
  });
});

describe('SessionsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new SessionsRepository(database.db);

  it('resolves a live session with the role in its workspace; an expired or unknown one is null', async () => {
    const u = await user(database.sql);
    await member(database.sql, FIRST_WORKSPACE_ID, u, 'editor');
    await sut().create('live', u, FIRST_WORKSPACE_ID, 'csrf-1', HOUR, { userAgent: 'x'.repeat(1000), address: '10.0.0.1' });
    await sut().create('expired', u, FIRST_WORKSPACE_ID, 'csrf-2', -1);
    expect(await sut().resolve('live')).toEqual({
      id: expect.any(String),
      tokenHash: hashToken('live'),
      userId: u,
      csrfToken: 'csrf-1',
      workspaceId: FIRST_WORKSPACE_ID,
      role: 'editor',
      rotate: false,
    });
    expect(await sut().resolve('expired')).toBeNull();
    expect(await sut().resolve('never-issued')).toBeNull();
    expect((await sut().list(u)).map((s) => s.userAgent.length)).toEqual([400]);
  });

  it('a workspace the user no longer belongs to does not count', async () => {
    const u = await user(database.sql);
    const ws = await workspace(database.sql);
    await sut().create('tok', u, ws, 'csrf', HOUR);
    expect(await sut().resolve('tok')).toMatchObject({ workspaceId: null, role: null });
  });

  it('refreshes "last used" at most once a minute', async () => {
    const u = await user(database.sql);
    await sut().create('tok', u, null, 'csrf', HOUR);
    await database.sql(`UPDATE user_session SET last_used_at = now() - interval '30 seconds'`);
    await sut().resolve('tok');
    const [fresh] = await database.sql<{ recent: boolean }>(`SELECT last_used_at > now() - interval '1 second' AS recent FROM user_session`);
    expect(fresh!.recent).toBe(false);
    await database.sql(`UPDATE user_session SET last_used_at = now() - interval '2 minutes'`);
    await sut().resolve('tok');
    const [stale] = await database.sql<{ recent: boolean }>(`SELECT last_used_at > now() - interval '1 second' AS recent FROM user_session`);
    expect(stale!.recent).toBe(true);
  });

  it('revokes one session only for its owner, all but one, and marks sessions for rotation', async () => {
    const u = await user(database.sql);
    const stranger = await user(database.sql);
    for (const t of ['one', 'two', 'three']) await sut().create(t, u, FIRST_WORKSPACE_ID, 'csrf', HOUR);
    const [first] = await sut().list(u);
    expect(await sut().revoke(stranger, first!.id)).toBe(false);
    expect(await sut().revoke(u, first!.id)).toBe(true);
    expect(await sut().revoke(u, first!.id)).toBe(false);
    await sut().markForRotation(u, FIRST_WORKSPACE_ID);
    const left = await database.sql<{ token_hash: string; rotate: boolean }>(`SELECT token_hash, rotate FROM user_session`);
    expect(left.every((s) => s.rotate)).toBe(true);
    expect(await sut().revokeAll(u, left[0]!.token_hash)).toBe(1);
    expect(await sut().revokeAll(u)).toBe(1);
    expect(await sut().revokeAll(u)).toBe(0);
  });
});

describe('PasswordResetsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new PasswordResetsRepository(database.db);

  it('only the newest link works, once; redeeming it sets the password and ends every session', async () => {
    const u = await user(database.sql, 'reset@example.com');
    await new SessionsRepository(database.db).create('session', u, null, 'csrf', HOUR);
    await sut().create('first', u, HOUR, null);
    await sut().create('second', u, HOUR, null);
    expect(await sut().findLive('first')).toBeNull();
    expect(await sut().findLive('second')).toEqual({ userId: u, email: 'reset@example.com' });
    expect(await sut().redeem('first', 'new-hash')).toBeNull();
    expect(await sut().redeem('second', 'new-hash')).toEqual({ userId: u });
    expect(await sut().redeem('second', 'other-hash')).toBeNull();
    expect(await database.sql(`SELECT password_hash FROM app_user WHERE id = $1`, [u])).toEqual([{ password_hash: 'new-hash' }]);
    expect(await database.sql(`SELECT count(*)::int AS n FROM user_session`)).toEqual([{ n: 0 }]);
  });

  it('an expired link is neither found nor redeemed', async () => {
    const u = await user(database.sql);
    await sut().create('late', u, -1, null);
    expect(await sut().findLive('late')).toBeNull();
    expect(await sut().redeem('late', 'x')).toBeNull();
    expect(await database.sql(`SELECT password_hash FROM app_user`)).toEqual([{ password_hash: 'hash' }]);
  });
});
