import { FIRST_WORKSPACE_ID, RetentionRepository, type PruneCursor } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { operation, processing, workspace } from './fixtures';

describe('RetentionRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new RetentionRepository(database.db);

  describe('settings and locale', () => {
    it('reads the migration defaults and saves new ones; null for an unknown workspace', async () => {
      expect(await sut().settings(FIRST_WORKSPACE_ID)).toEqual({ historyRetentionDays: 30, failedRetentionDays: null });
      expect(await sut().saveSettings(FIRST_WORKSPACE_ID, { historyRetentionDays: 7, failedRetentionDays: 90 })).toEqual({
        historyRetentionDays: 7,
        failedRetentionDays: 90,
      });
      expect(await sut().locale(FIRST_WORKSPACE_ID)).toEqual({ language: 'ru', timeZone: 'Europe/Moscow' });
      expect(await sut().saveLocale(FIRST_WORKSPACE_ID, { language: 'en', timeZone: 'UTC' })).toEqual({ language: 'en', timeZone: 'UTC' });
      const unknown = '00000000-0000-4000-8000-00000000dead';
      expect(await sut().settings(unknown)).toBeNull();
      expect(await sut().saveSettings(unknown, { historyRetentionDays: 7, failedRetentionDays: null })).toBeNull();
      expect(await sut().locale(unknown)).toBeNull();
      expect(await sut().saveLocale(unknown, { language: 'en', timeZone: 'UTC' })).toBeNull();
    });

    it('the schema refuses what the API must never let through', async () => {
      await expect(sut().saveSettings(FIRST_WORKSPACE_ID, { historyRetentionDays: 30, failedRetentionDays: 7 })).rejects.toMatchObject({
        constraint: 'workspace_failed_kept_longer_check',
      });
      await expect(sut().saveSettings(FIRST_WORKSPACE_ID, { historyRetentionDays: 0, failedRetentionDays: null })).rejects.toMatchObject({
        constraint: 'workspace_history_retention_check',
      });
      await expect(sut().saveLocale(FIRST_WORKSPACE_ID, { language: 'de' as 'en', timeZone: 'UTC' })).rejects.toMatchObject({
        constraint: 'workspace_language_check',
      });
      expect(await sut().settings(FIRST_WORKSPACE_ID)).toEqual({ historyRetentionDays: 30, failedRetentionDays: null });
    });
  });

  it('targets: every processing with its workspace\'s retention', async () => {
    const other = await workspace(database.sql);
    await database.sql(`UPDATE workspace SET history_retention_days = 3, failed_retention_days = 10 WHERE id = $1`, [other]);
    const mine = await processing(database.sql);
    const theirs = await processing(database.sql, { workspaceId: other });
    const targets = await sut().targets();
    expect(targets).toHaveLength(2);
    expect(targets).toEqual(
      expect.arrayContaining([
        { processingId: mine.id, historyRetentionDays: 30, failedRetentionDays: null },
        { processingId: theirs.id, historyRetentionDays: 3, failedRetentionDays: 10 },
      ]),
    );
  });

  describe('pruneBatch', () => {
    it('deletes only that processing\'s operations of that status older than the age', async () => {
      const p = await processing(database.sql);
      const other = await processing(database.sql);
      const old = await operation(database.sql, p, { status: 'succeeded', receivedAgo: '10 days' });
      const keptYoung = await operation(database.sql, p, { status: 'succeeded', receivedAgo: '2 days' });
      const keptFailed = await operation(database.sql, p, { status: 'failed', receivedAgo: '10 days' });
      const keptHeld = await operation(database.sql, p, { status: 'held', receivedAgo: '10 days' });
      const keptOther = await operation(database.sql, other, { status: 'succeeded', receivedAgo: '10 days' });
      expect(await sut().pruneBatch(p.id, 'succeeded', 5, 100, null)).toMatchObject({ deleted: 1 });
      const left = (await database.sql<{ id: string }>(`SELECT id FROM operation`)).map((r) => r.id);
      expect(left.sort()).toEqual([keptYoung, keptFailed, keptHeld, keptOther].sort());
      expect(left).not.toContain(old);
    });

    it('walks in batches, newest first, each starting below the last: a count below the limit means done', async () => {
      const p = await processing(database.sql);
      // Five at the same microsecond: only the id orders them, which the cursor must carry.
      for (let i = 0; i < 5; i += 1) await operation(database.sql, p, { status: 'succeeded', receivedAt: '2020-01-01T00:00:00.123456Z' });
      for (let i = 0; i < 2; i += 1) await operation(database.sql, p, { status: 'succeeded', receivedAgo: `${40 + i} days` });
      const batches: number[] = [];
      let cursor: PruneCursor | null = null;
      for (;;) {
        const { deleted, next }: { deleted: number; next: PruneCursor | null } = await sut().pruneBatch(p.id, 'succeeded', 30, 3, cursor);
        batches.push(deleted);
        if (deleted < 3) break;
        expect(next).not.toBeNull();
        cursor = next;
      }
      expect(batches).toEqual([3, 3, 1]);
      expect(await database.sql(`SELECT count(*)::int AS n FROM operation`)).toEqual([{ n: 0 }]);
    });

    it('the cursor keeps microseconds and rows another transaction holds are left for the next pass', async () => {
      const p = await processing(database.sql);
      const locked = await operation(database.sql, p, { status: 'succeeded', receivedAt: '2020-01-01T00:00:00.000001Z' });
      const free = await operation(database.sql, p, { status: 'succeeded', receivedAt: '2020-01-01T00:00:00.000002Z' });
      const result = await database.db.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM operation WHERE id = $1 FOR UPDATE`, [locked]);
        return sut().pruneBatch(p.id, 'succeeded', 30, 10, null);
      });
      expect(result).toEqual({ deleted: 1, next: { receivedAt: expect.stringMatching(/:00\.000002/), id: free } });
      expect(await database.sql(`SELECT id FROM operation`)).toEqual([{ id: locked }]);
      expect(await sut().pruneBatch(p.id, 'succeeded', 30, 10, null)).toMatchObject({ deleted: 1 });
    });

    it('nothing to prune: zero and no cursor', async () => {
      const p = await processing(database.sql);
      expect(await sut().pruneBatch(p.id, 'failed', 30, 10, null)).toEqual({ deleted: 0, next: null });
    });
  });

  it('vacuumHistory runs outside any transaction', async () => {
    await expect(sut().vacuumHistory()).resolves.toBeUndefined();
  });
});
