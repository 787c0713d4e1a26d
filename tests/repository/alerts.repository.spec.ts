import { AlertsRepository, FIRST_WORKSPACE_ID } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { member, operation, processing, user, type ProcessingFixture } from './fixtures';

const WINDOW_MS = 60_000;

describe('AlertsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new AlertsRepository(database.db);
  let p: ProcessingFixture;
  beforeEach(async () => {
    p = await processing(database.sql);
  });

  const fail = async (finishedAgo = '0 seconds') => {
    const operationId = await operation(database.sql, p, { status: 'failed', finishedAgo, error: { code: 'http_status', message: '503' } });
    return { operationId, ...(await sut().recordFailure({ workspaceId: p.workspaceId, processingId: p.id, operationId }, WINDOW_MS)) };
  };
  const succeed = async (finishedAgo = '0 seconds') => {
    const operationId = await operation(database.sql, p, { status: 'succeeded', finishedAgo });
    return sut().recordSuccess(p.id, operationId);
  };
  const alerts = () =>
    database.sql<{ id: string; kind: string; status: string; failure_count: number }>(
      `SELECT id, kind, status, failure_count FROM alert ORDER BY created_at, id`,
    );

  describe('recordFailure', () => {
    it('the first failure is mailed at once and opens a window; the second makes a digest for the window\'s end', async () => {
      const first = await fail();
      expect(first.alerts).toEqual([{ alertId: expect.any(String), delayMs: 0 }]);
      expect(first.failing).toBe(true);
      const second = await fail();
      expect(second.alerts).toHaveLength(1);
      expect(second.alerts[0]!.delayMs).toBeGreaterThan(WINDOW_MS - 10_000);
      expect(second.alerts[0]!.delayMs).toBeLessThanOrEqual(WINDOW_MS);
      // The third is counted in the same digest: nothing new to queue.
      expect((await fail()).alerts).toEqual([]);
      expect((await alerts()).map((a) => [a.kind, a.failure_count])).toEqual([
        ['failure', 1],
        ['digest', 3],
      ]);
      expect(await sut().failingProcessingIds()).toEqual([p.id]);
    });

    it('once the window has ended, the next failure is mailed at once again', async () => {
      await fail();
      await database.sql(`UPDATE alert_state SET window_end = now() - interval '1 second'`);
      expect((await fail()).alerts).toEqual([{ alertId: expect.any(String), delayMs: 0 }]);
      expect((await alerts()).map((a) => a.kind)).toEqual(['failure', 'failure']);
    });

    it('a digest already being sent is not counted into: the failure opens a new one', async () => {
      await fail();
      const second = await fail();
      await database.sql(`UPDATE alert SET status = 'sending' WHERE id = $1`, [second.alerts[0]!.alertId]);
      expect((await fail()).alerts).toEqual([{ alertId: expect.any(String), delayMs: 0 }]);
    });

    it('a failure that finished before a later success is told about but does not make the processing failing', async () => {
      await operation(database.sql, p, { status: 'succeeded', finishedAgo: '1 second' });
      const late = await fail('1 minute');
      expect(late.alerts).toHaveLength(1);
      expect(late.failing).toBe(false);
      expect(await sut().failingProcessingIds()).toEqual([]);
    });
  });

  describe('recordSuccess', () => {
    it('ends a failing streak with one recovered alert that counts the failures', async () => {
      await fail();
      await database.sql(`UPDATE alert_state SET window_end = now() - interval '1 second'`);
      await fail();
      const recovered = await succeed();
      expect(recovered).toEqual([{ alertId: expect.any(String), delayMs: 0 }]);
      expect((await alerts()).at(-1)).toMatchObject({ kind: 'recovered', failure_count: 2 });
      expect(await sut().failingProcessingIds()).toEqual([]);
      expect(await succeed()).toEqual([]);
    });

    it('a success that finished before the last failure changes nothing', async () => {
      await fail();
      expect(await succeed('1 minute')).toEqual([]);
      expect(await sut().failingProcessingIds()).toEqual([p.id]);
    });

    it('flapping inside one window: recovered is mailed once, later ones wait for the digest', async () => {
      await fail();
      expect(await succeed()).toHaveLength(1);
      await fail();
      expect(await succeed()).toEqual([]);
    });

    it('a processing that never failed has nothing to recover from', async () => {
      expect(await succeed()).toEqual([]);
      expect(await database.sql(`SELECT count(*)::int AS n FROM alert_state`)).toEqual([{ n: 0 }]);
    });
  });

  it('staleFailingStreaks: failing processings whose newest success came after their last failure', async () => {
    await fail('1 minute');
    expect(await sut().staleFailingStreaks()).toEqual([]);
    const success = await operation(database.sql, p, { status: 'succeeded', finishedAgo: '1 second' });
    expect(await sut().staleFailingStreaks()).toEqual([{ processingId: p.id, operationId: success }]);
  });

  describe('claim', () => {
    it('takes a pending alert once; a live claim is busy; a lapsed claim is taken again', async () => {
      const { alerts: [queued] } = await fail();
      const id = queued!.alertId;
      expect(await sut().claim(id, 60_000)).toEqual({ claimed: true });
      expect(await sut().claim(id, 60_000)).toEqual({ claimed: false, reason: 'busy' });
      await database.sql(`UPDATE alert SET claimed_until = now() - interval '1 second' WHERE id = $1`, [id]);
      expect(await sut().claim(id, 60_000)).toEqual({ claimed: true });
      expect(await database.sql(`SELECT status, attempts FROM alert WHERE id = $1`, [id])).toEqual([{ status: 'sending', attempts: 2 }]);
    });

    it('a digest waits for its window; a later mail waits for the earlier one of its processing', async () => {
      const first = (await fail()).alerts[0]!.alertId;
      const digest = (await fail()).alerts[0]!.alertId;
      const claim = await sut().claim(digest, 60_000);
      expect(claim).toMatchObject({ claimed: false, reason: 'window_open' });
      expect((claim as { waitMs: number }).waitMs).toBeGreaterThan(0);
      await database.sql(`UPDATE alert_state SET window_end = now() - interval '1 second'`);
      const next = (await fail()).alerts[0]!.alertId;
      expect(await sut().claim(next, 60_000)).toEqual({ claimed: false, reason: 'behind_earlier', waitMs: 500 });
      expect(await sut().claim(first, 60_000)).toEqual({ claimed: true });
      await sut().markSent(first);
      expect(await sut().claim(next, 60_000)).toEqual({ claimed: true });
    });

    it('sent, skipped and unknown alerts are done', async () => {
      const id = (await fail()).alerts[0]!.alertId;
      await sut().claim(id, 60_000);
      await sut().markSent(id);
      expect(await sut().claim(id, 60_000)).toEqual({ claimed: false, reason: 'done' });
      expect(await sut().claim('00000000-0000-4000-8000-00000000dead', 60_000)).toEqual({ claimed: false, reason: 'done' });
      const other = (await fail()).alerts[0]!.alertId;
      await sut().markSkipped(other, 'no recipients');
      expect(await sut().claim(other, 60_000)).toEqual({ claimed: false, reason: 'done' });
    });
  });

  it('release puts a failed send back with its reason; findUnsent finds it and lapsed claims', async () => {
    const id = (await fail()).alerts[0]!.alertId;
    expect(await sut().findUnsent(60_000, 10)).toEqual([]);
    await sut().claim(id, 60_000);
    await sut().release(id, 'smtp said no');
    expect(await database.sql(`SELECT status, last_error FROM alert WHERE id = $1`, [id])).toEqual([{ status: 'pending', last_error: 'smtp said no' }]);
    expect(await sut().findUnsent(0, 10)).toEqual([{ alertId: id, delayMs: 0 }]);
    await sut().claim(id, 60_000);
    expect(await sut().findUnsent(0, 10)).toEqual([]);
    await database.sql(`UPDATE alert SET claimed_until = now() - interval '1 second'`);
    expect(await sut().findUnsent(60_000, 10)).toEqual([{ alertId: id, delayMs: 0 }]);
    // markSent only finishes an alert being sent.
    await database.sql(`UPDATE alert SET status = 'pending'`);
    await sut().markSent(id);
    expect(await database.sql(`SELECT status FROM alert`)).toEqual([{ status: 'pending' }]);
  });

  it('context: what the message needs, in the workspace\'s language and time zone', async () => {
    await database.sql(`UPDATE workspace SET language = 'en', time_zone = 'Asia/Yekaterinburg' WHERE id = $1`, [FIRST_WORKSPACE_ID]);
    const { operationId, alerts: [queued] } = await fail();
    expect(await sut().context(queued!.alertId)).toMatchObject({
      kind: 'failure',
      processingId: p.id,
      processingName: 'Processing',
      failureCount: 1,
      failingNow: true,
      operation: { id: operationId, error: { code: 'http_status', message: '503' } },
      language: 'en',
      timeZone: 'Asia/Yekaterinburg',
    });
    expect(await sut().context('00000000-0000-4000-8000-00000000dead')).toBeNull();
    await database.sql(`DELETE FROM operation`);
    expect((await sut().context(queued!.alertId))?.operation).toBeNull();
  });

  it('recipients: set on the processing without a new version; named, else the owners, else the installation default', async () => {
    const defaults = ['admin@example.com'];
    expect(await sut().recipients(FIRST_WORKSPACE_ID, [], defaults)).toEqual(defaults);
    expect(await sut().recipients(FIRST_WORKSPACE_ID, [], [])).toEqual([]);
    const owner = await user(database.sql, 'owner@example.com');
    await member(database.sql, FIRST_WORKSPACE_ID, owner, 'owner');
    await member(database.sql, FIRST_WORKSPACE_ID, await user(database.sql, 'editor@example.com'), 'editor');
    expect(await sut().recipients(FIRST_WORKSPACE_ID, [], defaults)).toEqual(['owner@example.com']);
    expect(await sut().recipients(FIRST_WORKSPACE_ID, ['ops@example.com'], defaults)).toEqual(['ops@example.com']);
    expect(await sut().setRecipients(FIRST_WORKSPACE_ID, p.id, ['ops@example.com'])).toBe(true);
    expect(await sut().setRecipients(FIRST_WORKSPACE_ID, '00000000-0000-4000-8000-00000000dead', [])).toBe(false);
    expect(await database.sql(`SELECT alert_recipients, version FROM processing WHERE id = $1`, [p.id])).toEqual([
      { alert_recipients: ['ops@example.com'], version: 1 },
    ]);
  });

  it('failedOperation: only an operation that did end up failed', async () => {
    const failed = await operation(database.sql, p, { status: 'failed', params: { r_id: 1 } });
    const running = await operation(database.sql, p, { status: 'running' });
    expect(await sut().failedOperation(failed)).toEqual({ workspaceId: FIRST_WORKSPACE_ID, processingId: p.id, params: { r_id: 1 } });
    expect(await sut().failedOperation(running)).toBeNull();
  });
});
