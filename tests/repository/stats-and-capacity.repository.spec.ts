import { DEFAULT_PROCESSING_CONCURRENCY } from '@provod/contracts';
import { CapacityRepository, FIRST_WORKSPACE_ID, StatsRepository } from '@provod/data';
import { useRepositoryDatabase } from '../support/repository-database';
import { operation, processing, workspace } from './fixtures';

describe('StatsRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new StatsRepository(database.db);

  it('perProcessing: the last day\'s successes and failures, held events and the last event', async () => {
    const p = await processing(database.sql);
    const quiet = await processing(database.sql);
    await processing(database.sql, { workspaceId: await workspace(database.sql) });
    await operation(database.sql, p, { status: 'succeeded', receivedAgo: '1 hour' });
    await operation(database.sql, p, { status: 'succeeded', receivedAgo: '2 days' });
    await operation(database.sql, p, { status: 'failed', receivedAgo: '3 hours' });
    await operation(database.sql, p, { status: 'held', receivedAgo: '3 days' });
    const stats = await sut().perProcessing(FIRST_WORKSPACE_ID);
    expect(stats).toHaveLength(2);
    expect(stats.find((s) => s.processingId === p.id)).toEqual({ processingId: p.id, lastEventAt: expect.any(String), succeeded24h: 1, failed24h: 1, held: 1 });
    expect(stats.find((s) => s.processingId === quiet.id)).toEqual({ processingId: quiet.id, lastEventAt: null, succeeded24h: 0, failed24h: 0, held: 0 });
  });

  it('chart: every hour of the last day, empty ones included, filtered apart from failures', async () => {
    const p = await processing(database.sql);
    await operation(database.sql, p, { status: 'succeeded' });
    await operation(database.sql, p, { status: 'filtered' });
    await operation(database.sql, p, { status: 'failed', receivedAgo: '5 hours' });
    await operation(database.sql, p, { status: 'duplicate', receivedAgo: '5 hours' });
    await operation(database.sql, p, { status: 'succeeded', receivedAgo: '3 days' });
    const day = await sut().chart(FIRST_WORKSPACE_ID, p.id, '24h');
    expect(day.length).toBeGreaterThanOrEqual(24);
    expect(day.length).toBeLessThanOrEqual(25);
    const total = (key: 'succeeded' | 'failed' | 'filtered' | 'other') => day.reduce((n, b) => n + b[key], 0);
    expect([total('succeeded'), total('failed'), total('filtered'), total('other')]).toEqual([1, 1, 1, 1]);
    const week = await sut().chart(FIRST_WORKSPACE_ID, p.id, '7d');
    expect(week.reduce((n, b) => n + b.succeeded, 0)).toBe(2);
    expect(await sut().chart(await workspace(database.sql), p.id, '24h')).toEqual(day.map((b) => ({ ...b, succeeded: 0, failed: 0, filtered: 0, other: 0 })));
  });
});

describe('CapacityRepository', () => {
  const database = useRepositoryDatabase();
  const sut = () => new CapacityRepository(database.db);

  it('gateTargetOf reads the live limit, or the default when the source has none', async () => {
    const limited = await processing(database.sql, { source: { type: 'webhook', concurrency: 2 } });
    const plain = await processing(database.sql);
    const a = await operation(database.sql, limited);
    const b = await operation(database.sql, plain);
    expect(await sut().gateTargetOf(a)).toEqual({ processingId: limited.id, concurrency: 2 });
    expect(await sut().gateTargetOf(b)).toEqual({ processingId: plain.id, concurrency: DEFAULT_PROCESSING_CONCURRENCY });
    await database.sql(`UPDATE processing SET source = source || '{"concurrency": 7}' WHERE id = $1`, [limited.id]);
    expect(await sut().gateTargetOf(a)).toMatchObject({ concurrency: 7 });
    expect(await sut().gateTargetOf('00000000-0000-4000-8000-00000000dead')).toBeNull();
  });

  it('returnToQueue hands a running operation back without counting the claim, keeping its steps', async () => {
    const p = await processing(database.sql);
    const running = await operation(database.sql, p, { status: 'running', attempts: 1, leaseIn: '1 minute', steps: [{ actionId: 'a' }] });
    await database.sql(`UPDATE operation SET step_in_flight = '{"actionId":"b"}' WHERE id = $1`, [running]);
    const finished = await operation(database.sql, p, { status: 'succeeded', attempts: 1 });
    await sut().returnToQueue(running);
    await sut().returnToQueue(finished);
    expect(await database.sql(`SELECT status, attempts, lease_until, step_in_flight, steps FROM operation WHERE id = $1`, [running])).toEqual([
      { status: 'queued', attempts: 0, lease_until: null, step_in_flight: null, steps: [{ actionId: 'a' }] },
    ]);
    expect(await database.sql(`SELECT status, attempts FROM operation WHERE id = $1`, [finished])).toEqual([{ status: 'succeeded', attempts: 1 }]);
    // Never below zero, even for a row whose claim was not counted.
    await database.sql(`UPDATE operation SET status = 'running', attempts = 0 WHERE id = $1`, [running]);
    await sut().returnToQueue(running);
    expect(await database.sql(`SELECT attempts FROM operation WHERE id = $1`, [running])).toEqual([{ attempts: 0 }]);
  });
});
