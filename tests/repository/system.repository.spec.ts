import { FIRST_WORKSPACE_ID, SystemRepository } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { operation, processing, workspace } from './fixtures';

const SYSTEM_ERROR = { code: 'system_error', message: 'Redis went away' };

describe('SystemRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new SystemRepository(database.db);

  it('databaseSizeBytes is a number of bytes', async () => {
    const size = await sut().databaseSizeBytes();
    expect(typeof size).toBe('number');
    expect(size).toBeGreaterThan(1_000_000);
  });

  it('givenUp: only operations the queue gave up on, newest first, in the workspace asked for', async () => {
    const p = await processing(database.sql, { name: 'Orders' });
    const other = await workspace(database.sql);
    const theirs = await processing(database.sql, { workspaceId: other });
    const older = await operation(database.sql, p, { status: 'failed', error: SYSTEM_ERROR, finishedAgo: '2 hours', attempts: 3 });
    const newer = await operation(database.sql, p, { status: 'failed', error: SYSTEM_ERROR, finishedAgo: '1 hour', attempts: 3 });
    await operation(database.sql, p, { status: 'failed', error: { code: 'http_status', message: '404' }, finishedAgo: '1 hour' });
    await operation(database.sql, theirs, { status: 'failed', error: SYSTEM_ERROR, finishedAgo: '1 hour' });
    const listed = await sut().givenUp(FIRST_WORKSPACE_ID);
    expect(listed.map((o) => o.id)).toEqual([newer, older]);
    expect(listed[0]).toMatchObject({ processingId: p.id, processingName: 'Orders', attempts: 3, reason: 'Redis went away', finishedAt: expect.any(String) });
    expect(await sut().givenUp(FIRST_WORKSPACE_ID, 1)).toHaveLength(1);
  });

  it('requeueGivenUp puts one back to queued with its steps; false for anything else', async () => {
    const p = await processing(database.sql);
    const other = await workspace(database.sql);
    const gaveUp = await operation(database.sql, p, { status: 'failed', error: SYSTEM_ERROR, finishedAgo: '1 hour', steps: [{ actionId: 'a' }] });
    const userError = await operation(database.sql, p, { status: 'failed', error: { code: 'http_status' }, finishedAgo: '1 hour' });
    expect(await sut().requeueGivenUp(other, gaveUp)).toBe(false);
    expect(await sut().requeueGivenUp(FIRST_WORKSPACE_ID, userError)).toBe(false);
    expect(await sut().requeueGivenUp(FIRST_WORKSPACE_ID, gaveUp)).toBe(true);
    expect(await sut().requeueGivenUp(FIRST_WORKSPACE_ID, gaveUp)).toBe(false);
    expect(await database.sql(`SELECT status, error, finished_at, steps FROM operation WHERE id = $1`, [gaveUp])).toEqual([
      { status: 'queued', error: null, finished_at: null, steps: [{ actionId: 'a' }] },
    ]);
  });

  it('alertCounts and mailStatus read the alert rows', async () => {
    const p = await processing(database.sql);
    expect(await sut().alertCounts()).toEqual({ pending: 0, sent: 0, failed: 0 });
    expect(await sut().mailStatus(FIRST_WORKSPACE_ID)).toEqual({ lastSentAt: null, lastError: null, pending: 0 });
    const insert = (status: string, extra = '') =>
      database.sql(`INSERT INTO alert (workspace_id, processing_id, kind, status${extra ? ', last_error, created_at' : ', sent_at'}) VALUES ($1, $2, 'failure', $3, ${extra || 'now()'})`, [
        FIRST_WORKSPACE_ID,
        p.id,
        status,
      ]);
    await insert('pending');
    await insert('sending');
    await insert('sent');
    await insert('skipped', `'older error', now() - interval '1 hour'`);
    await insert('pending', `'connection refused', now()`);
    expect(await sut().alertCounts()).toEqual({ pending: 3, sent: 1, failed: 1 });
    const status = await sut().mailStatus(FIRST_WORKSPACE_ID);
    expect(status).toEqual({ lastSentAt: expect.any(String), lastError: { at: expect.any(String), message: 'connection refused' }, pending: 3 });
    expect(await sut().mailStatus(await workspace(database.sql))).toEqual({ lastSentAt: null, lastError: null, pending: 0 });
  });
});
