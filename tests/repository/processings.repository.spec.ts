import type { Action, CreateProcessingInput } from '@provod/contracts';
import { FIRST_WORKSPACE_ID, ProcessingsRepository, ProcessingVersionsRepository, SecretCipher, SecretsRepository } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { anAction, processing, user, workspace } from './fixtures';

const input = (name = 'Orders', actions: unknown[] = [anAction()]) =>
  ({ name, source: { type: 'webhook', methods: ['POST'], parameters: [{ name: 'r_id', path: 'query.r_id' }], dedup: null }, actions }) as unknown as CreateProcessingInput;

describe('ProcessingsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new ProcessingsRepository(database.db);
  const versions = () => new ProcessingVersionsRepository(database.db);

  it('creates a processing with its first version and who saved it', async () => {
    const author = await user(database.sql, 'anna@example.com', 'Anna');
    const created = await sut().create(FIRST_WORKSPACE_ID, input(), 'tok-1', { userId: author });
    expect(created).toMatchObject({ workspaceId: FIRST_WORKSPACE_ID, name: 'Orders', status: 'stopped', webhookToken: 'tok-1', version: 1, alertRecipients: [] });
    expect(await versions().list(FIRST_WORKSPACE_ID, created.id, { limit: 10 })).toEqual([
      { version: 1, savedAt: expect.any(String), author: { userId: author, email: 'anna@example.com', name: 'Anna' }, restoredFrom: null },
    ]);
  });

  it('refuses a webhook token another processing has, writing nothing', async () => {
    await sut().create(FIRST_WORKSPACE_ID, input('first'), 'same-token');
    await expect(sut().create(FIRST_WORKSPACE_ID, input('second'), 'same-token')).rejects.toMatchObject({
      code: '23505',
      constraint: 'processing_webhook_token_key',
    });
    expect(await database.sql(`SELECT name FROM processing`)).toEqual([{ name: 'first' }]);
    expect(await database.sql(`SELECT count(*)::int AS n FROM processing_version`)).toEqual([{ n: 1 }]);
  });

  it('lists and finds only in the workspace asked for', async () => {
    const other = await workspace(database.sql);
    const mine = await sut().create(FIRST_WORKSPACE_ID, input('mine'), 'tok-a');
    const theirs = await sut().create(other, input('theirs'), 'tok-b');
    expect((await sut().list(FIRST_WORKSPACE_ID)).map((p) => p.name)).toEqual(['mine']);
    expect(await sut().find(FIRST_WORKSPACE_ID, theirs.id)).toBeNull();
    expect((await sut().find(FIRST_WORKSPACE_ID, mine.id))?.name).toBe('mine');
  });

  describe('update', () => {
    it('changes only the fields given, bumps the version and keeps a copy of it', async () => {
      const p = await sut().create(FIRST_WORKSPACE_ID, input(), 'tok');
      const renamed = await sut().update(FIRST_WORKSPACE_ID, p.id, { name: 'Renamed' });
      expect(renamed).toMatchObject({ name: 'Renamed', version: 2, actions: [anAction()], source: p.source });
      const v2 = await versions().find(FIRST_WORKSPACE_ID, p.id, 2);
      expect(v2).toMatchObject({ version: 2, author: null, actions: [anAction()] });
    });

    it('merges a partial source one level deep, or replaces it when told to', async () => {
      const p = await sut().create(FIRST_WORKSPACE_ID, input(), 'tok');
      const merged = (await sut().update(FIRST_WORKSPACE_ID, p.id, { source: { methods: ['GET'] } })) as { source: Record<string, unknown> };
      expect(merged.source).toEqual({ ...p.source, methods: ['GET'] });
      const replaced = (await sut().update(FIRST_WORKSPACE_ID, p.id, { source: { type: 'webhook' }, replaceSource: true })) as {
        source: Record<string, unknown>;
      };
      expect(replaced.source).toEqual({ type: 'webhook' });
    });

    it('refuses to leave a running processing without actions, and writes nothing', async () => {
      const p = await processing(database.sql, { status: 'running' });
      expect(await sut().update(FIRST_WORKSPACE_ID, p.id, { actions: [], name: 'empty' })).toBe('running_needs_actions');
      expect(await database.sql(`SELECT name, version FROM processing WHERE id = $1`, [p.id])).toEqual([{ name: 'Processing', version: 1 }]);
      expect(await database.sql(`SELECT count(*)::int AS n FROM processing_version WHERE processing_id = $1`, [p.id])).toEqual([{ n: 1 }]);
      // Stopped, it may be emptied.
      await database.sql(`UPDATE processing SET status = 'stopped' WHERE id = $1`, [p.id]);
      expect(await sut().update(FIRST_WORKSPACE_ID, p.id, { actions: [] })).toMatchObject({ actions: [], version: 2 });
    });

    it('says not_found for an unknown id and for another workspace\'s processing', async () => {
      const other = await workspace(database.sql);
      const theirs = await processing(database.sql, { workspaceId: other });
      expect(await sut().update(FIRST_WORKSPACE_ID, theirs.id, { name: 'x' })).toBe('not_found');
      expect(await sut().update(FIRST_WORKSPACE_ID, '00000000-0000-4000-8000-00000000dead', { name: 'x' })).toBe('not_found');
      expect(await database.sql(`SELECT name FROM processing WHERE id = $1`, [theirs.id])).toEqual([{ name: 'Processing' }]);
    });

    it('two saves at once both land: versions 2 and 3, each with its own copy', async () => {
      const p = await sut().create(FIRST_WORKSPACE_ID, input(), 'tok');
      const results = await Promise.all([
        sut().update(FIRST_WORKSPACE_ID, p.id, { source: { methods: ['GET'] } }),
        sut().update(FIRST_WORKSPACE_ID, p.id, { name: 'B' }),
      ]);
      expect(results.map((r) => (r as { version: number }).version).sort()).toEqual([2, 3]);
      const latest = await sut().find(FIRST_WORKSPACE_ID, p.id);
      expect(latest).toMatchObject({ name: 'B', version: 3, source: { methods: ['GET'] } });
      expect((await versions().list(FIRST_WORKSPACE_ID, p.id, { limit: 10 })).map((v) => v.version)).toEqual([3, 2, 1]);
    });
  });

  describe('setStatus', () => {
    it('starts a processing that has actions and stops any', async () => {
      const p = await processing(database.sql, { status: 'stopped' });
      expect(await sut().setStatus(FIRST_WORKSPACE_ID, p.id, 'running')).toMatchObject({ status: 'running' });
      expect(await sut().setStatus(FIRST_WORKSPACE_ID, p.id, 'stopped')).toMatchObject({ status: 'stopped' });
    });

    it('refuses to start one without actions; not_found for an unknown one', async () => {
      const p = await processing(database.sql, { status: 'stopped', actions: [] });
      expect(await sut().setStatus(FIRST_WORKSPACE_ID, p.id, 'running')).toBe('running_needs_actions');
      expect(await sut().setStatus(FIRST_WORKSPACE_ID, p.id, 'stopped')).toMatchObject({ status: 'stopped' });
      expect(await sut().setStatus(FIRST_WORKSPACE_ID, '00000000-0000-4000-8000-00000000dead', 'stopped')).toBe('not_found');
    });
  });

  it('regenerates the token: the old one finds nothing at once', async () => {
    const p = await processing(database.sql);
    expect(await sut().findWebhookTarget(p.token)).toMatchObject({ id: p.id, workspaceId: FIRST_WORKSPACE_ID, status: 'running', version: 1 });
    expect(await sut().regenerateToken(FIRST_WORKSPACE_ID, p.id, 'fresh')).toMatchObject({ webhookToken: 'fresh' });
    expect(await sut().findWebhookTarget(p.token)).toBeNull();
    expect((await sut().findWebhookTarget('fresh'))?.id).toBe(p.id);
    expect(await sut().regenerateToken(FIRST_WORKSPACE_ID, '00000000-0000-4000-8000-00000000dead', 'x')).toBeNull();
  });

  it('deletes a processing with its versions and history; false when there is none', async () => {
    const p = await processing(database.sql);
    await database.sql(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request) VALUES ($1, $2, 1, 'succeeded', '{}')`,
      [FIRST_WORKSPACE_ID, p.id],
    );
    expect(await sut().delete(FIRST_WORKSPACE_ID, p.id)).toBe(true);
    expect(await sut().delete(FIRST_WORKSPACE_ID, p.id)).toBe(false);
    expect(await database.sql(`SELECT (SELECT count(*) FROM operation)::int AS ops, (SELECT count(*) FROM processing_version)::int AS versions`)).toEqual([
      { ops: 0, versions: 0 },
    ]);
  });
});

describe('ProcessingVersionsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new ProcessingVersionsRepository(database.db);

  it('pages back through the versions, newest first', async () => {
    const p = await processing(database.sql, { versions: 5 });
    expect((await sut().list(FIRST_WORKSPACE_ID, p.id, { limit: 2 })).map((v) => v.version)).toEqual([5, 4]);
    expect((await sut().list(FIRST_WORKSPACE_ID, p.id, { before: 4, limit: 2 })).map((v) => v.version)).toEqual([3, 2]);
    expect((await sut().list(FIRST_WORKSPACE_ID, p.id, { before: 1, limit: 2 })).map((v) => v.version)).toEqual([]);
  });

  it('keeps the author\'s e-mail and name once the account is gone', async () => {
    const author = await user(database.sql, 'gone@example.com', 'Gone');
    const created = await new ProcessingsRepository(database.db).create(FIRST_WORKSPACE_ID, input(), 'tok', { userId: author });
    await database.sql(`DELETE FROM app_user WHERE id = $1`, [author]);
    expect((await sut().find(FIRST_WORKSPACE_ID, created.id, 1))?.author).toEqual({ userId: null, email: 'gone@example.com', name: 'Gone' });
  });

  it('records which version a restore copied', async () => {
    const author = await user(database.sql);
    const repo = new ProcessingsRepository(database.db);
    const created = await repo.create(FIRST_WORKSPACE_ID, input(), 'tok');
    await repo.update(FIRST_WORKSPACE_ID, created.id, { actions: [anAction('b')] as Action[], savedBy: { userId: author, restoredFrom: 1 } });
    expect(await sut().find(FIRST_WORKSPACE_ID, created.id, 2)).toMatchObject({ restoredFrom: 1, actions: [anAction('b')] });
  });

  it('finds nothing in another workspace or for a version that does not exist', async () => {
    const other = await workspace(database.sql);
    const p = await processing(database.sql);
    expect(await sut().find(other, p.id, 1)).toBeNull();
    expect(await sut().find(FIRST_WORKSPACE_ID, p.id, 2)).toBeNull();
    expect(await sut().list(other, p.id, { limit: 10 })).toEqual([]);
  });
});

describe('SecretsRepository', () => {
  const database = useRepositoryDatabase();
  const cipher = new SecretCipher('repository-tier');
  const sut = () => new SecretsRepository(database.db, cipher);

  it('stores values encrypted and replaces one by name, keeping when it was created', async () => {
    const first = await sut().put(FIRST_WORKSPACE_ID, 'API_KEY', 'one');
    const [stored] = await database.sql<{ value_encrypted: Buffer }>(`SELECT value_encrypted FROM secret`);
    expect(stored!.value_encrypted.includes(Buffer.from('one'))).toBe(false);
    const second = await sut().put(FIRST_WORKSPACE_ID, 'API_KEY', 'two');
    expect(second.createdAt).toBe(first.createdAt);
    expect(await sut().values(FIRST_WORKSPACE_ID)).toEqual({ API_KEY: 'two' });
  });

  it('keeps workspaces apart and says whether a delete found the secret', async () => {
    const other = await workspace(database.sql);
    await sut().put(FIRST_WORKSPACE_ID, 'B', 'mine');
    await sut().put(FIRST_WORKSPACE_ID, 'A', 'mine too');
    await sut().put(other, 'B', 'theirs');
    expect((await sut().list(FIRST_WORKSPACE_ID)).map((s) => s.name)).toEqual(['A', 'B']);
    expect(await sut().values(other)).toEqual({ B: 'theirs' });
    expect(await sut().delete(other, 'A')).toBe(false);
    expect(await sut().delete(FIRST_WORKSPACE_ID, 'A')).toBe(true);
    expect(await sut().delete(FIRST_WORKSPACE_ID, 'A')).toBe(false);
  });
});
