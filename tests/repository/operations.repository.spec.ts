import type { ListOperationsQuery, RawRequest } from '@provod/contracts';
import { FIRST_WORKSPACE_ID, InvalidCursorError, OperationsRepository, SecretCipher, type NewWebhookOperation } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { anAction, aStep, operation, processing, workspace, type ProcessingFixture } from './fixtures';

const LEASE_MS = 30_000;
const request: RawRequest = { method: 'POST', path: '/hooks/x', query: {}, headers: {}, body: { r_id: 61 }, contentType: 'application/json' } as unknown as RawRequest;
const event = (p: ProcessingFixture, extra: Partial<NewWebhookOperation> = {}): NewWebhookOperation => ({
  processingId: p.id,
  webhookToken: p.token,
  processingVersion: p.version,
  request,
  params: { r_id: 61 },
  ...extra,
});
const query = (q: Partial<ListOperationsQuery> = {}): ListOperationsQuery => ({ limit: 50, ...q }) as ListOperationsQuery;

describe('OperationsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new OperationsRepository(database.db);
  const row = async (id: string) =>
    (
      await database.sql<{ status: string; attempts: number; steps: unknown[]; step_in_flight: unknown; error: unknown; lease_left_s: number | null; finished: boolean; started_at: Date | null }>(
        `SELECT status, attempts, steps, step_in_flight, error, EXTRACT(EPOCH FROM lease_until - now())::float8 AS lease_left_s,
           finished_at IS NOT NULL AS finished, started_at FROM operation WHERE id = $1`,
        [id],
      )
    )[0]!;

  describe('insertManyFromWebhook', () => {
    it('stores a batch in one statement, each event answered in order: queued, held, or null when stale', async () => {
      const running = await processing(database.sql);
      const stopped = await processing(database.sql, { status: 'stopped' });
      const answers = await sut().insertManyFromWebhook([
        event(running),
        event(stopped),
        event(running, { webhookToken: 'revoked' }),
        event(running, { processingVersion: 2 }),
        event(running, { params: { r_id: 62 } }),
      ]);
      expect(answers.map((a) => a?.status ?? null)).toEqual(['queued', 'held', null, null, 'queued']);
      const stored = await database.sql<{ id: string; status: string; params: unknown; request: unknown }>(`SELECT id, status, params, request FROM operation`);
      expect(stored).toHaveLength(3);
      expect(stored.find((r) => r.id === answers[4]!.id)).toMatchObject({ status: 'queued', params: { r_id: 62 }, request: { body: { r_id: 61 } } });
    });

    it('an empty batch, or one whose every event is stale, stores nothing', async () => {
      const p = await processing(database.sql);
      expect(await sut().insertManyFromWebhook([])).toEqual([]);
      expect(await sut().insertManyFromWebhook([event(p, { webhookToken: 'x' })])).toEqual([null]);
      expect(await database.sql(`SELECT count(*)::int AS n FROM operation`)).toEqual([{ n: 0 }]);
    });

    it('stores what jsonb cannot hold (U+0000, a lone surrogate) as U+FFFD instead of failing the batch', async () => {
      const p = await processing(database.sql);
      const [stored] = await sut().insertManyFromWebhook([event(p, { params: { name: 'a\u0000b', broken: 'x\uD800y' } })]);
      expect(await database.sql(`SELECT params FROM operation WHERE id = $1`, [stored!.id])).toEqual([{ params: { name: 'a\uFFFDb', broken: 'x\uFFFDy' } }]);
    });
  });

  describe('insertFromWebhookDeduplicated', () => {
    const dedup = { key: 'r_id:61', windowSeconds: 600 };

    it('the first event with a key is queued; a repeat within the window is a finished duplicate linked to it', async () => {
      const p = await processing(database.sql);
      const first = await sut().insertFromWebhookDeduplicated(event(p), dedup);
      expect(first).toEqual({ id: expect.any(String), status: 'queued' });
      const repeat = await sut().insertFromWebhookDeduplicated(event(p), dedup);
      expect(repeat).toEqual({ id: expect.any(String), status: 'duplicate', duplicateOf: first!.id });
      expect(await row(repeat!.id)).toMatchObject({ status: 'duplicate', finished: true });
      expect(await sut().insertFromWebhookDeduplicated(event(p), { ...dedup, key: 'r_id:62' })).toMatchObject({ status: 'queued' });
    });

    it('after the window the same key runs again', async () => {
      const p = await processing(database.sql);
      const first = await sut().insertFromWebhookDeduplicated(event(p), dedup);
      await database.sql(`UPDATE operation SET received_at = now() - interval '11 minutes' WHERE id = $1`, [first!.id]);
      expect(await sut().insertFromWebhookDeduplicated(event(p), dedup)).toEqual({ id: expect.any(String), status: 'queued' });
    });

    it('concurrent repeats: exactly one is not a duplicate', async () => {
      const p = await processing(database.sql);
      const results = await Promise.all(Array.from({ length: 6 }, () => sut().insertFromWebhookDeduplicated(event(p), dedup)));
      expect(results.filter((r) => r?.status === 'queued')).toHaveLength(1);
      expect(results.filter((r) => r?.status === 'duplicate')).toHaveLength(5);
    });

    it('a stopped processing holds the event; a stale token or version stores nothing', async () => {
      const p = await processing(database.sql, { status: 'stopped' });
      expect(await sut().insertFromWebhookDeduplicated(event(p), dedup)).toMatchObject({ status: 'held' });
      expect(await sut().insertFromWebhookDeduplicated(event(p, { webhookToken: 'revoked' }), { ...dedup, key: 'k2' })).toBeNull();
      expect(await sut().insertFromWebhookDeduplicated(event(p, { processingVersion: 2 }), { ...dedup, key: 'k3' })).toBeNull();
      expect(await database.sql(`SELECT count(*)::int AS n FROM operation`)).toEqual([{ n: 1 }]);
    });

    it('stores what jsonb cannot hold (U+0000) as U+FFFD instead of failing', async () => {
      const p = await processing(database.sql);
      const stored = await sut().insertFromWebhookDeduplicated(event(p, { params: { name: 'a\u0000b' } }), dedup);
      expect(await database.sql(`SELECT params FROM operation WHERE id = $1`, [stored!.id])).toEqual([{ params: { name: 'a\uFFFDb' } }]);
    });
  });

  describe('claim', () => {
    it('runs a queued operation under a lease, with the version it was received under and the workspace\'s secrets', async () => {
      const p = await processing(database.sql, { versions: 2 });
      await database.sql(`INSERT INTO secret (workspace_id, name, value_encrypted) VALUES ($1, 'TOKEN', $2)`, [
        FIRST_WORKSPACE_ID,
        new SecretCipher('k').encrypt('s3cret'),
      ]);
      const id = await operation(database.sql, p, { status: 'queued', version: 1, params: { r_id: 61 } });
      const claimed = await sut().claim(id, LEASE_MS);
      expect(claimed).toMatchObject({ id, status: 'running', attempts: 1, processingVersion: 1, params: { r_id: 61 }, steps: [], stepInFlight: null });
      expect(claimed!.actions).toEqual([anAction('v1')]);
      expect(new SecretCipher('k').decrypt(Buffer.from(claimed!.encryptedSecrets.TOKEN!, 'base64'))).toBe('s3cret');
      const stored = await row(id);
      expect(stored.lease_left_s).toBeGreaterThan(25);
      expect(stored.lease_left_s).toBeLessThanOrEqual(30);
    });

    it('a second claim (the lease ran out) counts another attempt and keeps the first start', async () => {
      const p = await processing(database.sql);
      const id = await operation(database.sql, p);
      await sut().claim(id, LEASE_MS);
      const startedAt = (await row(id)).started_at;
      expect(await sut().claim(id, LEASE_MS)).toMatchObject({ attempts: 2 });
      expect((await row(id)).started_at).toEqual(startedAt);
    });

    it('holds the operation when its processing was stopped meanwhile, without using an attempt', async () => {
      const p = await processing(database.sql, { status: 'stopped' });
      const id = await operation(database.sql, p);
      expect(await sut().claim(id, LEASE_MS)).toMatchObject({ status: 'held', attempts: 0 });
      expect(await row(id)).toMatchObject({ status: 'held', lease_left_s: null, started_at: null });
      expect(await sut().claim(id, LEASE_MS)).toBeNull();
    });

    it('finished and unknown operations are not claimed', async () => {
      const p = await processing(database.sql);
      for (const status of ['succeeded', 'failed', 'filtered', 'discarded', 'duplicate']) {
        expect(await sut().claim(await operation(database.sql, p, { status }), LEASE_MS)).toBeNull();
      }
      expect(await sut().claim('00000000-0000-4000-8000-00000000dead', LEASE_MS)).toBeNull();
    });

    it('returns the step that was on its way when a worker stopped', async () => {
      const p = await processing(database.sql);
      const id = await operation(database.sql, p);
      await sut().claim(id, LEASE_MS);
      const inFlight = { actionId: 'a1', attempt: 1, startedAt: '2026-01-01T10:00:00.000Z' };
      await sut().markStepInFlight(id, inFlight, LEASE_MS);
      expect((await sut().claim(id, LEASE_MS))!.stepInFlight).toEqual(inFlight);
    });
  });

  describe('recording a run', () => {
    const running = async () => {
      const p = await processing(database.sql);
      const id = await operation(database.sql, p);
      await sut().claim(id, LEASE_MS);
      return id;
    };

    it('saveProgress keeps the steps, clears the write in flight and renews the lease; only while running', async () => {
      const id = await running();
      await sut().markStepInFlight(id, { actionId: 'a1', attempt: 1, startedAt: '2026-01-01T10:00:00.000Z' }, 1_000);
      expect((await row(id)).lease_left_s).toBeLessThanOrEqual(1);
      await sut().saveProgress(id, [aStep('a1', 'succeeded')] as never, LEASE_MS);
      expect(await row(id)).toMatchObject({ steps: [expect.objectContaining({ actionId: 'a1' })], step_in_flight: null });
      expect((await row(id)).lease_left_s).toBeGreaterThan(25);
      await sut().finish(id, 'succeeded', [] as never, null);
      await sut().saveProgress(id, [aStep('late', 'succeeded')] as never, LEASE_MS);
      await sut().markStepInFlight(id, { actionId: 'late', attempt: 1, startedAt: '2026-01-01T10:00:00.000Z' }, LEASE_MS);
      expect(await row(id)).toMatchObject({ steps: [], step_in_flight: null });
    });

    it('saveProgress can mark the next write as on its way in the same statement', async () => {
      const id = await running();
      const next = { actionId: 'a2', attempt: 1, startedAt: '2026-01-01T10:00:01.000Z' };
      await sut().saveProgress(id, [aStep('a1', 'succeeded')] as never, LEASE_MS, next);
      expect(await row(id)).toMatchObject({ steps: [expect.objectContaining({ actionId: 'a1' })], step_in_flight: next });
      expect((await sut().claim(id, LEASE_MS))!.stepInFlight).toEqual(next);
    });

    it('scheduleRetry: retrying, with a lease that covers the wait and the run after it', async () => {
      const id = await running();
      await sut().scheduleRetry(id, [aStep('a1', 'failed')] as never, { code: 'http_status', message: '503', step: 'Fetch' }, 60_000, LEASE_MS);
      const stored = await row(id);
      expect(stored).toMatchObject({ status: 'retrying', error: { code: 'http_status', step: 'Fetch' }, step_in_flight: null });
      expect(stored.lease_left_s).toBeGreaterThan(85);
      expect(stored.lease_left_s).toBeLessThanOrEqual(90);
      // The next claim takes it from retrying.
      expect(await sut().claim(id, LEASE_MS)).toMatchObject({ status: 'running', attempts: 2 });
    });

    it('finish: true for the worker that finishes it, false for any later one', async () => {
      const id = await running();
      expect(await sut().finish(id, 'failed', [aStep('a1', 'failed')] as never, { code: 'http_status', message: '404', step: 'Fetch' })).toBe(true);
      expect(await sut().finish(id, 'succeeded', [] as never, null)).toBe(false);
      expect(await row(id)).toMatchObject({ status: 'failed', finished: true, lease_left_s: null, error: { code: 'http_status' } });
      expect(await sut().finish('00000000-0000-4000-8000-00000000dead', 'succeeded', [] as never, null)).toBe(false);
    });

    it('finish stores large steps compressed with lz4, and reads them back whole', async () => {
      const id = await running();
      const body = Array.from({ length: 200 }, (_, i) => ({ id: i, client_name: `Клиент ${i}`, phone: `+7999000${i}` }));
      const steps = [aStep('a1', 'succeeded', { output: { status: 200, headers: {}, body } })];
      expect(await sut().finish(id, 'succeeded', steps as never, null)).toBe(true);
      const [stored] = await database.sql<{ compression: string | null }>('SELECT pg_column_compression(steps) AS compression FROM operation WHERE id = $1', [id]);
      expect(stored!.compression).toBe('lz4');
      expect((await row(id)).steps).toEqual(steps);
    });

    it('finish records filtered as a final status', async () => {
      const id = await running();
      expect(await sut().finish(id, 'filtered', [aStep('a1', 'succeeded', { halted: { reason: 'x' } })] as never, null)).toBe(true);
      expect(await row(id)).toMatchObject({ status: 'filtered', finished: true });
    });

    it('failUnfinished fails what is not finished and leaves a finished one alone', async () => {
      const p = await processing(database.sql);
      const queued = await operation(database.sql, p);
      const done = await operation(database.sql, p, { status: 'succeeded' });
      for (const id of [queued, done]) await sut().failUnfinished(id, { code: 'system_error', message: 'gave up' });
      expect(await row(queued)).toMatchObject({ status: 'failed', finished: true, error: { code: 'system_error' } });
      expect(await row(done)).toMatchObject({ status: 'succeeded', error: null });
    });
  });

  describe('findStranded', () => {
    it('queued for too long, and running or retrying past the lease; oldest first, a page at a time', async () => {
      const p = await processing(database.sql);
      const oldQueued = await operation(database.sql, p, { status: 'queued', receivedAgo: '10 minutes' });
      await operation(database.sql, p, { status: 'queued', receivedAgo: '1 second' });
      const deadRunner = await operation(database.sql, p, { status: 'running', receivedAgo: '5 minutes', leaseIn: '-1 second' });
      await operation(database.sql, p, { status: 'running', receivedAgo: '5 minutes', leaseIn: '1 minute' });
      const deadRetry = await operation(database.sql, p, { status: 'retrying', receivedAgo: '1 minute', leaseIn: '-1 second' });
      await operation(database.sql, p, { status: 'held', receivedAgo: '1 hour' });
      await operation(database.sql, p, { status: 'failed', receivedAgo: '1 hour', leaseIn: '-1 second' });

      const all = await sut().findStranded(60_000, 10);
      expect(all.map((s) => s.id)).toEqual([oldQueued, deadRunner, deadRetry]);
      const firstPage = await sut().findStranded(60_000, 2);
      expect(firstPage.map((s) => s.id)).toEqual([oldQueued, deadRunner]);
      expect((await sut().findStranded(60_000, 2, firstPage[1])).map((s) => s.id)).toEqual([deadRetry]);
      expect(await sut().findStranded(60_000, 2, all[2])).toEqual([]);
    });
  });

  describe('list', () => {
    it('newest first, filtered by status and time, in the workspace and processing asked for', async () => {
      const p = await processing(database.sql);
      const other = await processing(database.sql);
      const foreign = await processing(database.sql, { workspaceId: await workspace(database.sql) });
      const older = await operation(database.sql, p, { status: 'failed', receivedAgo: '2 hours' });
      const newer = await operation(database.sql, p, { status: 'succeeded', receivedAgo: '1 hour' });
      const newest = await operation(database.sql, p, { status: 'failed', receivedAgo: '1 minute' });
      await operation(database.sql, other, { status: 'failed' });
      await operation(database.sql, foreign, { status: 'failed' });

      expect((await sut().list(FIRST_WORKSPACE_ID, p.id, query())).items.map((o) => o.id)).toEqual([newest, newer, older]);
      expect((await sut().list(FIRST_WORKSPACE_ID, p.id, query({ status: ['failed'] }))).items.map((o) => o.id)).toEqual([newest, older]);
      const from = new Date(Date.now() - 90 * 60_000).toISOString();
      const to = new Date(Date.now() - 30 * 60_000).toISOString();
      expect((await sut().list(FIRST_WORKSPACE_ID, p.id, query({ from, to }))).items.map((o) => o.id)).toEqual([newer]);
      expect((await sut().list(foreign.workspaceId, p.id, query())).items).toEqual([]);
    });

    it('finds a parameter given as text whether it was stored as text or as a number', async () => {
      const p = await processing(database.sql);
      const asNumber = await operation(database.sql, p, { params: { r_id: 61 } });
      const asText = await operation(database.sql, p, { params: { r_id: '61' } });
      await operation(database.sql, p, { params: { r_id: 62 } });
      const found = await sut().list(FIRST_WORKSPACE_ID, p.id, query({ param: 'r_id', value: '61' }));
      expect(found.items.map((o) => o.id).sort()).toEqual([asNumber, asText].sort());
      expect((await sut().list(FIRST_WORKSPACE_ID, p.id, query({ param: 'r_id', value: 'abc' }))).items).toEqual([]);
    });

    it('pages by keyset: rows received at the same microsecond are neither lost nor repeated', async () => {
      const p = await processing(database.sql);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push(await operation(database.sql, p, { receivedAt: '2026-01-01T10:00:00.123456Z' }));
      ids.push(await operation(database.sql, p, { receivedAt: '2026-01-01T09:00:00Z' }));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await sut().list(FIRST_WORKSPACE_ID, p.id, query({ limit: 2, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.items.map((o) => o.id));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(6);
      expect(new Set(seen)).toEqual(new Set(ids));
      expect(seen.at(-1)).toBe(ids[5]);
    });

    it('the last page has no cursor; a cursor the API never gave out is refused', async () => {
      const p = await processing(database.sql);
      await operation(database.sql, p);
      await operation(database.sql, p);
      expect((await sut().list(FIRST_WORKSPACE_ID, p.id, query({ limit: 2 }))).nextCursor).toBeNull();
      await expect(sut().list(FIRST_WORKSPACE_ID, p.id, query({ cursor: 'bm90IGEgY3Vyc29y' }))).rejects.toBeInstanceOf(InvalidCursorError);
      const forged = Buffer.from(`2026-01-01T00:00:00Z|'; DROP TABLE operation; --`).toString('base64url');
      await expect(sut().list(FIRST_WORKSPACE_ID, p.id, query({ cursor: forged }))).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  it('find: the detail with its replays, only in its own workspace', async () => {
    const p = await processing(database.sql);
    const original = await operation(database.sql, p, { status: 'failed', steps: [aStep('a1', 'failed')] });
    const replay = await operation(database.sql, p, { status: 'queued', replayOf: original });
    const detail = await sut().find(FIRST_WORKSPACE_ID, original);
    expect(detail).toMatchObject({ id: original, status: 'failed', steps: [expect.objectContaining({ actionId: 'a1' })], replayOf: null });
    expect(detail!.replays).toEqual([{ id: replay, status: 'queued', receivedAt: expect.any(String) }]);
    expect((await sut().find(FIRST_WORKSPACE_ID, replay))?.replayOf).toBe(original);
    expect(await sut().find(await workspace(database.sql), original)).toBeNull();
  });

  it('backlog: what waits, how old the oldest is, and what runs past its lease', async () => {
    expect(await sut().backlog()).toEqual({ waiting: 0, oldestWaitingSeconds: null, pastLease: 0 });
    const p = await processing(database.sql);
    await operation(database.sql, p, { status: 'queued', receivedAgo: '2 minutes' });
    await operation(database.sql, p, { status: 'queued' });
    await operation(database.sql, p, { status: 'running', leaseIn: '-1 second' });
    await operation(database.sql, p, { status: 'retrying', leaseIn: '1 minute' });
    await operation(database.sql, p, { status: 'succeeded', receivedAgo: '1 hour' });
    const backlog = await sut().backlog();
    expect(backlog).toMatchObject({ waiting: 2, pastLease: 1 });
    expect(backlog.oldestWaitingSeconds).toBeGreaterThanOrEqual(120);
    expect(backlog.oldestWaitingSeconds).toBeLessThan(180);
  });
});
