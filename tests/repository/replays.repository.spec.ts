import { FIRST_WORKSPACE_ID, ReplaysRepository } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { aStep, operation, processing, workspace } from './fixtures';

describe('ReplaysRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new ReplaysRepository(database.db);
  const row = async (id: string) =>
    (
      await database.sql<{ status: string; processing_version: number; steps: Array<{ actionId: string }>; replay_of: string | null }>(
        `SELECT status, processing_version, steps, replay_of FROM operation WHERE id = $1`,
        [id],
      )
    )[0]!;

  describe('replayOne', () => {
    it('from the failed step: a queued copy that carries the steps that succeeded before', async () => {
      const p = await processing(database.sql);
      const failed = await operation(database.sql, p, {
        status: 'failed',
        steps: [aStep('a', 'succeeded'), aStep('b', 'succeeded'), aStep('c', 'failed')],
        params: { r_id: 61 },
      });
      const id = await sut().replayOne(FIRST_WORKSPACE_ID, failed, 'failed', 'original');
      expect(await row(id!)).toMatchObject({ status: 'queued', replay_of: failed });
      expect((await row(id!)).steps.map((s) => s.actionId)).toEqual(['a', 'b']);
      expect(await database.sql(`SELECT params FROM operation WHERE id = $1`, [id])).toEqual([{ params: { r_id: 61 } }]);
    });

    it('a filter that stopped the event runs again: its halted step is not carried', async () => {
      const p = await processing(database.sql);
      const filtered = await operation(database.sql, p, {
        status: 'filtered',
        steps: [aStep('a', 'succeeded'), aStep('f', 'succeeded', { halted: { reason: 'conditions' } })],
      });
      const id = await sut().replayOne(FIRST_WORKSPACE_ID, filtered, 'failed', 'original');
      expect((await row(id!)).steps.map((s) => s.actionId)).toEqual(['a']);
    });

    it('from the start: no steps; with the current version when asked', async () => {
      const p = await processing(database.sql, { versions: 3 });
      const old = await operation(database.sql, p, { status: 'succeeded', version: 1, steps: [aStep('a', 'succeeded')] });
      const original = await sut().replayOne(FIRST_WORKSPACE_ID, old, 'start', 'original');
      expect(await row(original!)).toMatchObject({ processing_version: 1, steps: [] });
      const current = await sut().replayOne(FIRST_WORKSPACE_ID, old, 'start', 'current');
      expect(await row(current!)).toMatchObject({ processing_version: 3 });
    });

    it('replays only finished operations of the workspace asked for', async () => {
      const other = await workspace(database.sql);
      const p = await processing(database.sql);
      for (const status of ['queued', 'running', 'retrying', 'held', 'discarded', 'duplicate']) {
        expect(await sut().replayOne(FIRST_WORKSPACE_ID, await operation(database.sql, p, { status }), 'start', 'original')).toBeNull();
      }
      const failed = await operation(database.sql, p, { status: 'failed' });
      expect(await sut().replayOne(other, failed, 'start', 'original')).toBeNull();
      expect(await sut().replayOne(FIRST_WORKSPACE_ID, '00000000-0000-4000-8000-00000000dead', 'start', 'original')).toBeNull();
      expect(await database.sql(`SELECT count(*)::int AS n FROM operation WHERE replay_of IS NOT NULL`)).toEqual([{ n: 0 }]);
    });
  });

  it('replayFailed: the failed ones in the range that were never replayed, oldest first', async () => {
    const p = await processing(database.sql);
    const other = await processing(database.sql);
    const old = await operation(database.sql, p, { status: 'failed', receivedAgo: '3 days' });
    const recent = await operation(database.sql, p, { status: 'failed', receivedAgo: '1 hour' });
    const earlier = await operation(database.sql, p, { status: 'failed', receivedAgo: '2 hours' });
    const replayedAlready = await operation(database.sql, p, { status: 'failed', receivedAgo: '30 minutes' });
    await operation(database.sql, p, { status: 'succeeded', receivedAgo: '1 hour' });
    await operation(database.sql, other, { status: 'failed', receivedAgo: '1 hour' });
    await sut().replayOne(FIRST_WORKSPACE_ID, replayedAlready, 'start', 'original');

    const from = new Date(Date.now() - 24 * 3600_000).toISOString();
    const ids = await sut().replayFailed(FIRST_WORKSPACE_ID, p.id, 'start', 'original', { from });
    const replayOf = await Promise.all(ids.map(async (id) => (await row(id)).replay_of));
    expect(replayOf).toEqual([earlier, recent]);
    expect(await sut().replayFailed(FIRST_WORKSPACE_ID, p.id, 'start', 'original', { from })).toEqual([]);
    expect(await sut().replayFailed(FIRST_WORKSPACE_ID, p.id, 'start', 'original', { to: from })).toHaveLength(1);
    expect((await row((await database.sql<{ id: string }>(`SELECT id FROM operation WHERE replay_of = $1`, [old]))[0]!.id)).status).toBe('queued');
  });

  describe('held events', () => {
    it('counts them, and releases them with the version the processing has now', async () => {
      const p = await processing(database.sql, { versions: 2 });
      const held = [await operation(database.sql, p, { status: 'held', version: 1 }), await operation(database.sql, p, { status: 'held', version: 2 })];
      await operation(database.sql, p, { status: 'failed' });
      expect(await sut().heldCount(FIRST_WORKSPACE_ID, p.id)).toBe(2);
      expect((await sut().releaseHeld(FIRST_WORKSPACE_ID, p.id)).sort()).toEqual([...held].sort());
      expect(await database.sql(`SELECT DISTINCT status, processing_version FROM operation WHERE id = ANY($1)`, [held])).toEqual([
        { status: 'queued', processing_version: 2 },
      ]);
      expect(await sut().heldCount(FIRST_WORKSPACE_ID, p.id)).toBe(0);
      expect(await sut().releaseHeld(FIRST_WORKSPACE_ID, p.id)).toEqual([]);
    });

    it('discards them as finished and says how many', async () => {
      const p = await processing(database.sql);
      const other = await workspace(database.sql);
      await operation(database.sql, p, { status: 'held' });
      await operation(database.sql, p, { status: 'held' });
      expect(await sut().discardHeld(other, p.id)).toBe(0);
      expect(await sut().discardHeld(FIRST_WORKSPACE_ID, p.id)).toBe(2);
      expect(await sut().discardHeld(FIRST_WORKSPACE_ID, p.id)).toBe(0);
      expect(await database.sql(`SELECT status, finished_at IS NOT NULL AS finished FROM operation`)).toEqual([
        { status: 'discarded', finished: true },
        { status: 'discarded', finished: true },
      ]);
    });
  });
});
