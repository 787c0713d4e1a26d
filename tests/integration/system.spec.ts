import { OperationsRepository, createDataSource } from '@provod/data';
import type { DataSource } from 'typeorm';
import { api } from '../support/flows';
import { testConfig, waitFor } from '../support/platform';
import { agent, signUp } from '../support/session';
import { UonFlowHarness } from '../support/uon-flow';

interface SystemOverview {
  workers: Array<{ id: string; pid: number | null; expiresInMs: number }>;
  queue: Record<string, number>;
  backlog: { waiting: number; oldestWaitingSeconds: number | null };
  database: { sizeBytes: number };
  givenUp: Array<{ id: string; processingName: string; reason: string }>;
  mail: { configured: boolean; pending: number; lastSentAt: string | null };
}

describe('the system page API', () => {
  const flow = new UonFlowHarness();
  let db: DataSource;

  beforeAll(async () => {
    await flow.start();
    db = await createDataSource(testConfig().DATABASE_URL, 2).initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await flow.stop();
  });

  it('shows owners the workers, the backlog and the database, and members nothing', async () => {
    await flow.reset();
    await flow.send('r_id=61');
    let overview = (await api<SystemOverview>(flow.session, 'GET', '/api/system')).body;
    expect(overview.workers).toEqual([]);
    expect(overview.backlog.waiting).toBe(1);
    expect(overview.database.sizeBytes).toBeGreaterThan(1_000_000);
    expect(overview.mail.configured).toBe(false);
    expect(Object.keys(overview.queue)).toEqual(expect.arrayContaining(['waiting', 'active', 'delayed', 'failed']));

    await flow.startWorker();
    overview = await waitFor(async () => {
      const body = (await api<SystemOverview>(flow.session, 'GET', '/api/system')).body;
      return body.workers.length === 1 && body.backlog.waiting === 0 ? body : undefined;
    });
    expect(overview.workers[0]!.pid).toBe(process.pid);
    expect(overview.workers[0]!.expiresInMs).toBeGreaterThan(0);

    const { inviteUrl } = (await agent(flow.session).post('/api/workspaces/current/invites').send({ email: 'viewer@example.com' }).expect(201)).body;
    const member = await signUp(flow.platform.url, 'viewer@example.com', { inviteToken: new URL(inviteUrl).searchParams.get('invite')! });
    await agent(member).get('/api/system').expect(403);
  });

  it('lists an operation the queue gave up on and runs it again without repeating what succeeded', async () => {
    await flow.reset();
    const { operationId } = await flow.send('r_id=61');
    // What the worker records when BullMQ has used every attempt on system errors.
    await new OperationsRepository(db).failUnfinished(operationId, { code: 'system_error', message: 'Provod could not run this operation after several attempts: connection terminated' });

    const overview = (await api<SystemOverview>(flow.session, 'GET', '/api/system')).body;
    expect(overview.givenUp).toEqual([expect.objectContaining({ id: operationId, processingName: flow.processing.name, reason: expect.stringContaining('connection terminated') })]);

    await agent(flow.session).post(`/api/system/operations/${operationId}/retry`).expect(200);
    await flow.startWorker();
    const done = await flow.finished(operationId);
    expect(done.status).toBe('succeeded');
    expect(flow.envybox.leads).toHaveLength(1);
    await agent(flow.session).post(`/api/system/operations/${operationId}/retry`).expect(404);
  });
});
