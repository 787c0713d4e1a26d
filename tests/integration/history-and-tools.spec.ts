import type { OperationPage, ProcessingView, StepResult } from '@provod/contracts';
import { api } from '../support/flows';
import { sql } from '../support/platform';
import { agent } from '../support/session';
import { UonFlowHarness } from '../support/uon-flow';

describe('history search, stats, chart and processing tools', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  it('finds operations by a parameter value, sent as text or as a number', async () => {
    await flow.reset();
    await flow.send('r_id=61');
    await flow.send('r_id=62');
    await fetch(`${flow.platform.url}/hooks/${flow.processing.webhookToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ r_id: 61 }),
    });
    const page = (await api<OperationPage>(flow.session, 'GET', `/api/processings/${flow.processing.id}/operations?param=r_id&value=61`)).body;
    expect(page.items.map((o) => o.params.r_id).sort()).toEqual([61, '61']);
  });

  it('reports last event and 24-hour counts per processing, and an hourly chart', async () => {
    await flow.reset();
    await flow.startWorker();
    await flow.finished((await flow.send('r_id=61')).operationId);
    await flow.finished((await flow.send('r_id=404')).operationId);
    await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/stop`);
    await flow.send('r_id=61');
    // An old failure outside the 24-hour window must not count.
    const old = await flow.operation((await flow.send('r_id=1')).operationId);
    await sql(`UPDATE operation SET status = 'failed', received_at = now() - interval '2 days' WHERE id = $1`, [old.id]);

    const stats = (await api<Array<Record<string, unknown>>>(flow.session, 'GET', '/api/processings/stats')).body;
    expect(stats).toEqual([
      { processingId: flow.processing.id, lastEventAt: expect.any(String), succeeded24h: 1, failed24h: 1, held: 1 },
    ]);
    const day = (await api<{ buckets: Array<{ succeeded: number; failed: number; other: number }> }>(flow.session, 'GET', `/api/processings/${flow.processing.id}/chart?range=24h`)).body;
    expect(day.buckets.length).toBeGreaterThanOrEqual(24);
    expect(day.buckets.reduce((n, b) => n + b.succeeded, 0)).toBe(1);
    expect(day.buckets.reduce((n, b) => n + b.failed, 0)).toBe(1);
    expect(day.buckets.reduce((n, b) => n + b.other, 0)).toBe(1);
    const week = (await api<{ buckets: Array<{ failed: number }> }>(flow.session, 'GET', `/api/processings/${flow.processing.id}/chart?range=7d`)).body;
    expect(week.buckets.length).toBeGreaterThanOrEqual(28);
    expect(week.buckets.reduce((n, b) => n + b.failed, 0)).toBe(2);
  });

  it('duplicates a processing as a stopped copy and regenerates a webhook URL', async () => {
    await flow.reset();
    const copy = (await agent(flow.session).post(`/api/processings/${flow.processing.id}/duplicate`).expect(201)).body as ProcessingView;
    expect(copy).toMatchObject({ name: `${flow.processing.name} (copy)`, status: 'stopped', actions: flow.processing.actions });
    expect(copy.webhookToken).not.toBe(flow.processing.webhookToken);

    const old = flow.processing.webhookToken;
    const renewed = (await agent(flow.session).post(`/api/processings/${flow.processing.id}/regenerate-token`).expect(200)).body as ProcessingView;
    expect(renewed.webhookToken).not.toBe(old);
    await new Promise((r) => setTimeout(r, 2_100)); // the ingest cache forgets the old token
    expect((await fetch(`${flow.platform.url}/hooks/${old}?r_id=61`)).status).toBe(404);
    expect((await fetch(`${flow.platform.url}/hooks/${renewed.webhookToken}?r_id=61`)).status).toBe(200);
  });

  it('tests the chain on the latest event without recording history or sending writes', async () => {
    await flow.reset();
    await flow.send('r_id=61'); // stays queued: no worker
    const before = await sql('SELECT id FROM operation');
    const res = await agent(flow.session).post(`/api/processings/${flow.processing.id}/test`).send({}).expect(200);
    const steps = res.body.steps as StepResult[];
    expect(res.body.sample.params).toEqual({ r_id: '61' });
    expect(steps.map((s) => [s.key, s.status])).toEqual([
      ['fetch_request', 'succeeded'],
      ['fields', 'succeeded'],
      ['lead', 'succeeded'],
      ['create_lead', 'skipped'],
    ]);
    expect(steps[3]!.output).toMatchObject({ skipped: true });
    expect(flow.envybox.leads).toHaveLength(0);
    expect(flow.uon.calls).toHaveLength(1);
    expect(await sql('SELECT id FROM operation')).toEqual(before);

    const upTo = await agent(flow.session)
      .post(`/api/processings/${flow.processing.id}/test`)
      .send({ upToActionId: 'a2-parse', sample: { params: { r_id: '61' } } })
      .expect(200);
    expect(upTo.body.steps.map((s: StepResult) => s.key)).toEqual(['fetch_request', 'fields']);
    expect(upTo.body.steps[1].output.client_name).toBe('Алексей');

    const sent = await agent(flow.session).post(`/api/processings/${flow.processing.id}/test`).send({ callWrites: true }).expect(200);
    expect(sent.body.status).toBe('succeeded');
    expect(flow.envybox.leads).toHaveLength(1);
  });
});
