import type { OperationDetail, ProcessingView } from '@provod/contracts';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { CuttableProxy } from '../support/cuttable-proxy';
import { api } from '../support/flows';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { signUp, type Session } from '../support/session';

interface Received {
  to: string[];
  raw: string;
}

/**
 * A real SMTP server on loopback. `answers` scripts what it says at the end of DATA, one entry per
 * letter offered: 'ok' accepts, a number refuses with that code. `onAccepted` runs once a letter is
 * accepted, before the client hears so.
 */
class MailCatcher {
  readonly received: Received[] = [];
  answers: Array<'ok' | number> = [];
  onAccepted?: () => void;
  offered = 0;
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.offered += 1;
          const answer = this.answers.shift() ?? 'ok';
          if (answer !== 'ok') {
            callback(Object.assign(new Error(answer >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: answer }));
            return;
          }
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          this.onAccepted?.();
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const FINAL = ['succeeded', 'failed', 'filtered'];

/** Filter and Send e-mail through the real worker, PostgreSQL, Redis and an SMTP server. */
describe('filter and send e-mail steps', () => {
  let platform: RunningApi;
  let worker: RunningWorker | undefined;
  let mail: MailCatcher;
  let session: Session;
  let processing: ProcessingView;

  beforeAll(async () => {
    mail = await new MailCatcher().start();
    platform = await startApi({ SMTP_URL: mail.url });
  });
  afterAll(async () => {
    await platform.close();
    await mail.stop();
  });
  beforeEach(async () => {
    await resetState();
    mail.received.length = 0;
    mail.answers = [];
    mail.offered = 0;
    mail.onAccepted = undefined;
    session = await signUp(platform.url);
    const created = await api<ProcessingView>(session, 'POST', '/api/processings', {
      name: 'Новые заявки менеджеру',
      source: { parameters: [{ name: 'r_id' }, { name: 'type_id' }] },
      actions: [
        {
          id: 'a-only-type-1',
          key: 'only_type_1',
          type: 'filter',
          name: 'Только type_id 1',
          settings: { match: 'all', conditions: [{ left: '{{source.type_id}}', operator: 'equals', right: '1', compareAs: 'number' }] },
        },
        {
          id: 'a-mail',
          key: 'mail',
          type: 'send_email',
          name: 'Письмо менеджеру',
          settings: {
            to: 'manager@example.ru',
            subject: 'Новая заявка #{{source.r_id}}',
            body: 'Заявка {{source.r_id}} ждёт звонка.',
            retry: { attempts: 3, initialDelayMs: 0, maxDelayMs: 0 },
          },
        },
      ],
    });
    expect(created.status).toBe(201);
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`)).body;
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  const send = async (query: string) => {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?${query}`);
    return ((await res.json()) as { operationId: string }).operationId;
  };
  const operation = async (id: string) => (await api<OperationDetail>(session, 'GET', `/api/operations/${id}`)).body;
  const finished = (id: string, timeoutMs = 20_000) =>
    waitFor(async () => {
      const op = await operation(id);
      return FINAL.includes(op.status) ? op : undefined;
    }, timeoutMs, `operation ${id} to finish`);

  it('ends an event the filter stops as filtered: no letter, no alert, found by its status in the history', async () => {
    worker = await startWorker({ SMTP_URL: mail.url });
    const stopped = await send('r_id=62&type_id=2');
    const passed = await send('r_id=61&type_id=1');
    const [a, b] = [await finished(stopped), await finished(passed)];

    expect([a.status, b.status]).toEqual(['filtered', 'succeeded']);
    expect(a.error).toBeNull();
    expect(a.steps.map((s) => [s.key, s.status, s.halted])).toEqual([['only_type_1', 'succeeded', 'filtered']]);
    expect(a.steps[0]?.output).toMatchObject({ passed: false, failed: [{ index: 0, operator: 'equals', compareAs: 'number', left: '2', right: '1', held: false }] });
    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]?.to).toEqual(['manager@example.ru']);
    expect(mail.received[0]?.raw).toContain(`Message-ID: <${passed}.a-mail@provod>`);
    // Neither a failure nor a recovery: nothing in the alert tables.
    expect(await sql('SELECT 1 FROM alert')).toHaveLength(0);
    const page = (await api<{ items: Array<{ id: string }> }>(session, 'GET', `/api/processings/${processing.id}/operations?status=filtered`)).body;
    expect(page.items.map((item) => item.id)).toEqual([stopped]);
    const chart = (await api<{ buckets: Array<{ succeeded: number; filtered: number; other: number }> }>(session, 'GET', `/api/processings/${processing.id}/chart?range=24h`)).body;
    const sum = (key: 'succeeded' | 'filtered' | 'other') => chart.buckets.reduce((n, b) => n + b[key], 0);
    expect([sum('succeeded'), sum('filtered'), sum('other')]).toEqual([1, 1, 0]);
  });

  it('runs a filtered event again once its filter changed, from the filter on, with the current version', async () => {
    worker = await startWorker({ SMTP_URL: mail.url });
    const stopped = await send('r_id=62&type_id=2');
    expect((await finished(stopped)).status).toBe('filtered');
    const actions = processing.actions.map((a) =>
      a.type === 'filter' ? { ...a, settings: { ...a.settings, conditions: [{ left: '{{source.type_id}}', operator: 'less', right: '3', compareAs: 'number' }] } } : a,
    );
    expect((await api(session, 'PATCH', `/api/processings/${processing.id}`, { actions })).status).toBe(200);
    const replay = await api<OperationDetail>(session, 'POST', `/api/operations/${stopped}/replay`, { from: 'failed', version: 'current' });
    const again = await finished(replay.body.id);
    expect(again.status).toBe('succeeded');
    expect(again.steps.map((s) => [s.key, s.status])).toEqual([
      ['only_type_1', 'succeeded'],
      ['mail', 'succeeded'],
    ]);
    expect(mail.received).toHaveLength(1);
  });

  it('sends the letter once when the database fails right after the server accepted it', async () => {
    const target = new URL(testConfig().DATABASE_URL);
    const proxy = await new CuttableProxy(target.hostname, Number(target.port || 5432)).start();
    try {
      worker = await startWorker({ SMTP_URL: mail.url, DATABASE_URL: proxy.via(testConfig().DATABASE_URL) });
      let restoredAt = 0;
      mail.onAccepted = () => {
        proxy.cut();
        setTimeout(() => {
          proxy.restore();
          restoredAt = Date.now();
        }, 3_000);
      };
      const id = await send('r_id=61&type_id=1');
      const op = await finished(id, 40_000);
      expect(op.status).toBe('succeeded');
      expect(op.attempts).toBe(1);
      expect(mail.received).toHaveLength(1);
      expect(op.steps.map((s) => [s.key, s.attempt])).toEqual([
        ['only_type_1', 1],
        ['mail', 1],
      ]);
      process.stdout.write(`database cut after the mail was accepted: ${mail.received.length} letter; recorded ${((Date.parse(op.finishedAt ?? '') - restoredAt) / 1000).toFixed(1)} s after the database came back\n`);
    } finally {
      await proxy.stop();
    }
  });

  it('does not send again a letter that was on its way when its worker died: the step says it may have gone out', async () => {
    // The state a worker killed right after handing the letter over leaves behind: the step marked
    // in flight, the lease lapsed. (No worker ran yet, so the catcher counts only what is sent now.)
    const id = await send('r_id=61&type_id=1');
    await waitFor(async () => (await operation(id)).status === 'queued' || undefined, 5_000, 'the event to be queued');
    const inFlight = { actionId: 'a-mail', attempt: 1, startedAt: new Date(Date.now() - 2_000).toISOString() };
    await sql(
      `UPDATE operation SET status = 'running', attempts = 1, started_at = now(), lease_until = now() - interval '1 second', step_in_flight = $2 WHERE id = $1`,
      [id, JSON.stringify(inFlight)],
    );
    worker = await startWorker({ SMTP_URL: mail.url });
    const op = await finished(id);
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'mail_outcome_unknown', step: 'Письмо менеджеру' });
    const step = op.steps.find((s) => s.key === 'mail')!;
    expect(step.previousAttempts?.[0]?.error.code).toBe('interrupted');
    expect(mail.offered).toBe(0);
  });

  it('tries again after a 4xx answer and sends once; a 5xx answer fails at once', async () => {
    worker = await startWorker({ SMTP_URL: mail.url });
    mail.answers = [451];
    const deferred = await send('r_id=61&type_id=1');
    const first = await finished(deferred);
    expect(first.status).toBe('succeeded');
    expect(first.steps.find((s) => s.key === 'mail')?.attempt).toBe(2);
    expect(mail.received).toHaveLength(1);

    mail.answers = [550];
    const refused = await send('r_id=63&type_id=1');
    const second = await finished(refused);
    expect(second.status).toBe('failed');
    expect(second.error).toMatchObject({ code: 'mail_rejected' });
    expect(second.steps.find((s) => s.key === 'mail')?.attempt).toBe(1);
    expect(mail.received).toHaveLength(1);
  });

  it('retries while the mail server refuses connections, then says it could not reach it', async () => {
    const closed = await new MailCatcher().start();
    const url = closed.url;
    await closed.stop();
    worker = await startWorker({ SMTP_URL: url });
    const op = await finished(await send('r_id=61&type_id=1'));
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'mail_unavailable' });
    expect(op.steps.find((s) => s.key === 'mail')?.attempt).toBe(3);
  });

  it('a test run says filtered, and describes the letter instead of sending it', async () => {
    type TestRun = { status: string; steps: Array<{ key: string; status: string; output: unknown }> };
    const run = async (typeId: string) =>
      (await api<TestRun>(session, 'POST', `/api/processings/${processing.id}/test`, { sample: { params: { r_id: '61', type_id: typeId } } })).body;
    const stopped = await run('2');
    expect([stopped.status, stopped.steps.map((s) => s.key)]).toEqual(['filtered', ['only_type_1']]);
    const described = await run('1');
    const letter = described.steps.find((s) => s.key === 'mail');
    expect(letter).toMatchObject({ status: 'skipped', output: { skipped: true, letter: { to: ['manager@example.ru'], subject: 'Новая заявка #61' } } });
    expect(mail.offered).toBe(0);
  });

  it('fails plainly when the worker has no mail server, and a server without one refuses to start the processing', async () => {
    worker = await startWorker({ SMTP_URL: '' });
    const op = await finished(await send('r_id=61&type_id=1'));
    expect(op.error).toMatchObject({ code: 'mail_not_configured' });

    const bare = await startApi({ SMTP_URL: '' });
    try {
      await api(session, 'POST', `/api/processings/${processing.id}/stop`);
      const refused = await api<{ problems: Array<{ code: string; step: string; message: { ru: string } }> }>({ ...session, url: bare.url }, 'POST', `/api/processings/${processing.id}/start`);
      expect(refused.status).toBe(400);
      expect(refused.body.problems).toEqual([expect.objectContaining({ code: 'mail_not_configured', step: 'mail', message: expect.objectContaining({ ru: expect.stringContaining('SMTP_URL') }) })]);
    } finally {
      await bare.close();
    }
  });
});
