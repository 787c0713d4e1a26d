import type { OperationDetail, OperationPage, ProcessingView } from '@provod/contracts';
import { api } from '../support/flows';
import { sql, waitFor } from '../support/platform';
import { UonFlowHarness } from '../support/uon-flow';

/** Replay, held events and webhook deduplication, on the real platform. */
describe('replay', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  /** Envybox refuses the lead (wrong key), so the operation fails at its last step. */
  async function failedAtEnvybox(): Promise<OperationDetail> {
    await flow.reset();
    await api(flow.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: 'wrong-key' });
    await flow.startWorker();
    const op = await flow.finished((await flow.send('r_id=61')).operationId);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ step: 'Создать лид в Envybox', code: 'http_status' });
    await api(flow.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: flow.envybox.apiKey });
    return op;
  }

  it('replays from the failed step: earlier steps keep their outputs and U-ON is not called again', async () => {
    const failed = await failedAtEnvybox();
    expect(flow.uon.calls).toHaveLength(1);

    const res = await api<OperationDetail>(flow.session, 'POST', `/api/operations/${failed.id}/replay`, {});
    expect(res.status).toBe(201);
    expect(res.body.replayOf).toBe(failed.id);
    const replay = await flow.finished(res.body.id);
    expect(replay.status).toBe('succeeded');
    expect(flow.uon.calls).toHaveLength(1);
    expect(flow.envybox.leads).toHaveLength(1);
    expect(replay.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(replay.steps[0]!.startedAt).toBe(failed.steps[0]!.startedAt);

    const original = await flow.operation(failed.id);
    expect(original.replays).toEqual([{ id: replay.id, status: 'succeeded', receivedAt: expect.any(String) }]);
  });

  it('replays from the start with the current version when asked', async () => {
    const failed = await failedAtEnvybox();
    const { body: current } = await api<ProcessingView>(flow.session, 'GET', `/api/processings/${flow.processing.id}`);
    const renamed = current.actions.map((a) => (a.key === 'lead' ? { ...a, name: 'Лид v2' } : a));
    const { body: updated } = await api<ProcessingView>(flow.session, 'PATCH', `/api/processings/${flow.processing.id}`, { actions: renamed });

    const { body } = await api<OperationDetail>(flow.session, 'POST', `/api/operations/${failed.id}/replay`, { from: 'start', version: 'current' });
    const replay = await flow.finished(body.id);
    expect(replay.status).toBe('succeeded');
    expect(replay.processingVersion).toBe(updated.version);
    expect(replay.steps[2]!.name).toBe('Лид v2');
    expect(flow.uon.calls).toHaveLength(2);
  });

  it('bulk-replays every failed operation in a time range, once', async () => {
    await flow.reset();
    await api(flow.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: 'wrong-key' });
    await flow.startWorker();
    const sent = await Promise.all([1, 2, 3].map(() => flow.send('r_id=61')));
    await Promise.all(sent.map((s) => flow.finished(s.operationId)));
    await api(flow.session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: flow.envybox.apiKey });

    const from = new Date(Date.now() - 60_000).toISOString();
    const first = await api<{ count: number }>(flow.session, 'POST', `/api/processings/${flow.processing.id}/replay`, { receivedFrom: from });
    expect(first.body).toEqual({ count: 3 });
    await waitFor(async () => flow.envybox.leads.length === 3);
    const again = await api<{ count: number }>(flow.session, 'POST', `/api/processings/${flow.processing.id}/replay`, { receivedFrom: from });
    expect(again.body).toEqual({ count: 0 });
    expect(flow.uon.calls).toHaveLength(3);
  });

  it('refuses to replay an operation that has not finished', async () => {
    await flow.reset();
    const { operationId } = await flow.send('r_id=61'); // no worker: it stays queued
    const res = await api(flow.session, 'POST', `/api/operations/${operationId}/replay`, {});
    expect(res.status).toBe(409);
  });
});

describe('held events', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  async function holdThree(): Promise<string[]> {
    await flow.reset();
    await flow.startWorker();
    await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/stop`);
    const ids = [];
    for (const r of ['61', '61', '61']) ids.push((await flow.send(`r_id=${r}`)).operationId);
    await new Promise((r) => setTimeout(r, 300));
    expect(flow.uon.calls).toHaveLength(0);
    expect((await api(flow.session, 'GET', `/api/processings/${flow.processing.id}/held`)).body).toEqual({ count: 3 });
    await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/start`);
    // Starting alone runs nothing behind the user's back.
    await new Promise((r) => setTimeout(r, 300));
    expect(flow.uon.calls).toHaveLength(0);
    return ids;
  }

  it('processes held events when the user says so', async () => {
    const ids = await holdThree();
    const res = await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/held/process`);
    expect(res.body).toEqual({ count: 3 });
    for (const id of ids) expect((await flow.finished(id)).status).toBe('succeeded');
    expect(flow.envybox.leads).toHaveLength(3);
  });

  it('discards held events, which stay in history as discarded', async () => {
    const ids = await holdThree();
    expect((await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/held/discard`)).body).toEqual({ count: 3 });
    for (const id of ids) expect((await flow.operation(id)).status).toBe('discarded');
    const page = (await api<OperationPage>(flow.session, 'GET', `/api/processings/${flow.processing.id}/operations?status=discarded`)).body;
    expect(page.items).toHaveLength(3);
    expect(flow.uon.calls).toHaveLength(0);
  });

  it('refuses to process held events while the processing is stopped', async () => {
    await flow.reset();
    await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/stop`);
    await flow.send('r_id=61');
    expect((await api(flow.session, 'POST', `/api/processings/${flow.processing.id}/held/process`)).status).toBe(409);
  });
});

describe('deduplication at the webhook', () => {
  const flow = new UonFlowHarness();
  beforeAll(() => flow.start());
  afterAll(() => flow.stop());

  const withDedup = (windowSeconds: number) =>
    flow.reset((f) => {
      f.source.parameters.push({ name: 'type_id' });
      f.source.dedup = { key: '{{source.type_id}}:{{source.r_id}}', windowSeconds };
    });

  it('records a repeat within the window as duplicate, linked to the first, and does not run it', async () => {
    await withDedup(3600);
    await flow.startWorker();
    const first = await flow.send('type_id=2&r_id=61');
    // U-ON retries on 5xx: the same event, several times, some concurrently.
    const repeats = await Promise.all([1, 2, 3].map(() => flow.send('type_id=2&r_id=61')));
    const other = await flow.send('type_id=2&r_id=62');
    expect(repeats.map((r) => [r.status, r.duplicateOf])).toEqual([
      ['duplicate', first.operationId],
      ['duplicate', first.operationId],
      ['duplicate', first.operationId],
    ]);
    expect(other.status).toBe('queued');
    await flow.finished(first.operationId);
    const dup = await flow.operation(repeats[0]!.operationId);
    expect(dup).toMatchObject({ status: 'duplicate', duplicateOf: first.operationId, steps: [] });
    await waitFor(async () => flow.uon.calls.length === 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(flow.uon.calls.map((c) => c.url).sort()).toEqual([`/${flow.uon.apiKey}/request/61.json`, `/${flow.uon.apiKey}/request/62.json`]);
  });

  it('runs the same event again once the window has passed', async () => {
    await withDedup(1);
    const first = await flow.send('type_id=2&r_id=61');
    expect(first.status).toBe('queued');
    // Age the first event past the window instead of sleeping.
    await sql(`UPDATE operation SET received_at = received_at - interval '5 seconds' WHERE id = $1`, [first.operationId]);
    const later = await flow.send('type_id=2&r_id=61');
    expect(later.status).toBe('queued');
    expect(later.duplicateOf).toBeUndefined();
  });
});
