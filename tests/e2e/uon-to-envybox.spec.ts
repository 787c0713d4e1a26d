import type { OperationDetail, ProcessingView } from '@provod/contracts';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeUon } from '../support/fake-uon';
import { api, uonToEnvybox } from '../support/flows';
import { signUp, type Session } from '../support/session';
import { resetState, startApi, startWorker, waitFor, type RunningApi, type RunningWorker } from '../support/platform';

/**
 * The headline flow, configured like the seed guide: webhook `r_id` → GET U-ON request → parser with
 * 17 fields → composer building Envybox's body → POST to Envybox. Real API, worker, PostgreSQL,
 * Redis and BullMQ; local servers answer in U-ON's and Envybox's shapes.
 */
describe('U-ON → Envybox, end to end', () => {
  let platform: RunningApi;
  let worker: RunningWorker | undefined;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let processing: ProcessingView;
  let session: Session;

  beforeAll(async () => {
    platform = await startApi();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
  });
  afterAll(async () => {
    await worker?.close();
    await platform.close();
    await uon.stop();
    await envybox.stop();
  });

  beforeEach(async () => {
    await resetState();
    session = await signUp(platform.url);
    uon.calls.length = 0;
    envybox.leads.length = 0;
    await api(session, 'PUT', '/api/secrets/UON_KEY', { value: uon.apiKey });
    await api(session, 'PUT', '/api/secrets/ENVYBOX_KEY', { value: envybox.apiKey });
    const imported = await api<ProcessingView>(session, 'POST', '/api/processings/import', uonToEnvybox(uon.url, envybox.url));
    expect(imported.status).toBe(201);
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${imported.body.id}/start`)).body;
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  const finished = (id: string) =>
    waitFor(async () => {
      const { body } = await api<OperationDetail>(session, 'GET', `/api/operations/${id}`);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    }, 20_000, `operation ${id} to finish`);

  // The template as shipped carries no account's IDs (pipeline, inbox type, custom inputs): Envybox
  // uses its defaults. Empty values are left out rather than sent as "".
  const expectedLead = (name: string, surname: string) => ({
    request: {
      method: 'create',
      timezone: 'UTC+03:00',
      tags: 'u-on',
      values: {
        name: `${name} ${surname}`,
        phone: '79270000000',
        email: 'client@example.com',
        comment: `U-ON #61 от 2025-03-14 10:20; статус: Документы выданы; менеджер: Анна Петрова`,
        utm_source: 'Сайт',
      },
    },
  });

  it.each([
    ['GET with a query string (U-ON default)', (token: string) => fetch(`${platform.url}/hooks/${token}?uon_id=12345&type_id=2&r_id=61`)],
    [
      'POST form-urlencoded with request_id',
      (token: string) =>
        fetch(`${platform.url}/hooks/${token}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'uon_id=12345&uon_subdomain=id12345&datetime=2025-03-14+10%3A22%3A05&type_id=2&request_id=61',
        }),
    ],
  ])('delivers exactly the expected lead for a %s', async (_label, send) => {
    const tricky = 'Алексей "Лёша" \\ O\'Neil\nвторая строка 🚀';
    uon.requests.set('61', { ...uon.requests.get('61')!, client_name: tricky });
    worker = await startWorker();

    const res = await send(processing.webhookToken);
    expect(res.status).toBe(200);
    const { operationId } = (await res.json()) as { operationId: string };
    const op = await finished(operationId);

    expect(op.error).toBeNull();
    expect(op.status).toBe('succeeded');
    expect(uon.calls.map((c) => c.url)).toEqual([`/${uon.apiKey}/request/61.json`]);
    expect(envybox.leads).toHaveLength(1);
    expect(envybox.leads[0]!.contentType).toMatch(/^application\/json/);
    expect(envybox.leads[0]!.body).toEqual(expectedLead(tricky, 'Артамонов'));

    // History: every step with its input and output, in order.
    expect(op.steps.map((s) => [s.key, s.status])).toEqual([
      ['fetch_request', 'succeeded'],
      ['fields', 'succeeded'],
      ['lead', 'succeeded'],
      ['create_lead', 'succeeded'],
    ]);
    const [fetchStep, parseStep, composeStep, sendStep] = op.steps;
    expect(fetchStep!.output).toMatchObject({ status: 200, body: { request: [expect.objectContaining({ id: 61 })] } });
    expect(parseStep!.output).toMatchObject({ id: 61, client_name: tricky, date_close: null, calc_price: 150000, notes: null });
    expect(Object.keys(parseStep!.output as object)).toHaveLength(17);
    expect(composeStep!.output).toEqual(expectedLead(tricky, 'Артамонов'));
    expect(sendStep!.output).toMatchObject({ status: 200, body: { id: expect.any(Number), message: 'success', status_code: 200 } });
    expect(sendStep!.input).toMatchObject({ method: 'POST' });

    // Both API keys live in URLs; neither may be stored in history.
    const everything = JSON.stringify(op);
    expect(everything).not.toContain(uon.apiKey);
    expect(everything).not.toContain(envybox.apiKey);
    expect(JSON.stringify(fetchStep!.input)).toContain('/request/61.json');
  });

  it('fails the operation visibly at the step that failed, with what it received', async () => {
    worker = await startWorker();
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?r_id=999`);
    const { operationId } = (await res.json()) as { operationId: string };
    const op = await finished(operationId);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ step: 'Получить заявку из U-ON', code: 'http_status' });
    expect(op.steps).toHaveLength(1);
    expect(op.steps[0]!.error!.message).toMatch(/404/);
    expect(JSON.stringify(op.steps[0]!.error)).toContain('Not found');
    expect(JSON.stringify(op)).not.toContain(uon.apiKey);
    expect(envybox.leads).toHaveLength(0);
  });

  it('processes a webhook answered 200 while the worker was down, once the worker starts', async () => {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?r_id=61`);
    expect(res.status).toBe(200);
    const { operationId } = (await res.json()) as { operationId: string };
    await new Promise((r) => setTimeout(r, 300));
    expect((await api<OperationDetail>(session, 'GET', `/api/operations/${operationId}`)).body.status).toBe('queued');
    expect(uon.calls).toHaveLength(0);

    // The health check tells "no worker" apart from "nothing to do".
    const degraded = await api<{ status: string; workers: { alive: number }; backlog: { waiting: number } }>(session, 'GET', '/api/health');
    expect(degraded.body).toMatchObject({ status: 'degraded', workers: { alive: 0 }, backlog: { waiting: 1 } });

    worker = await startWorker();
    const op = await finished(operationId);
    expect(op.status).toBe('succeeded');
    expect(envybox.leads).toHaveLength(1);
    const healthy = await api<{ status: string; workers: { alive: number } }>(session, 'GET', '/api/health');
    expect(healthy.body).toMatchObject({ status: 'ok', workers: { alive: 1 } });
  });
});
