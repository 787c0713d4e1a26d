import type { ProcessingView } from '@provod/contracts';
import { AlertsRepository, createDataSource } from '@provod/data';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { api } from '../support/flows';
import { resetState, sql, startApi, startWorker, testConfig, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { signUp, type Session } from '../support/session';

/** A stored secret that also arrives as a webhook parameter: it must never reach a mailbox. */
const CANARY = 'cnry-5e2f9a71c4d8';
const OWNER = 'owner@provod.test';
const PUBLIC_URL = 'https://provod.test';
const PROCESSING_NAME = 'Заявки U-ON';
const STEP_NAME = 'Получить заявку';

interface Mail {
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

/** A real SMTP server on loopback that keeps every message, decoded enough to read it. */
class MailCatcher {
  readonly messages: Mail[] = [];
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on `port` (0: any); a restart passes the old port, as a mail server coming back would. */
  async start(port = this.port): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          this.messages.push(parseMail(Buffer.concat(chunks).toString('latin1'), to));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
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

  async waitFor(count: number, timeoutMs = 15_000): Promise<Mail[]> {
    return waitFor(async () => this.messages.length >= count && this.messages.slice(), timeoutMs, `${count} e-mail(s), got ${this.messages.length}`);
  }
}

function bytesOf(encoded: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const hex = encoded.slice(i + 1, i + 3);
    if (encoded[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(encoded.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** RFC 2047 words (a multi-byte character may be split across two of them, so bytes are joined first). */
function decodeHeader(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/(?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+/g, (run) =>
    Buffer.concat(
      [...run.matchAll(/=\?[^?]+\?([BbQq])\?([^?]*)\?=/g)].map(([, encoding, data]) =>
        encoding!.toUpperCase() === 'B' ? Buffer.from(data!, 'base64') : bytesOf(data!.replace(/_/g, ' ')),
      ),
    ).toString('utf8'),
  );
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) return bytesOf(body.replace(/=\r\n/g, '')).toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

function parseMail(raw: string, to: string[]): Mail {
  const { headers, body } = splitEntity(raw);
  const mail: Mail = { to, raw, subject: decodeHeader(headers.subject ?? ''), text: '', html: '' };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map((p) => splitEntity(p.replace(/^\r\n/, ''))) : [{ headers, body }];
  for (const part of parts) {
    const text = decodeBody(part.body, part.headers['content-transfer-encoding']);
    if (/text\/html/i.test(part.headers['content-type'] ?? '')) mail.html = text;
    else mail.text = text;
  }
  return mail;
}

/** Request ids such as `f-300` choose the answer themselves: f fails, s succeeds, after that many ms. */
const SCRIPTED = /\/request\/([fs])-(\d{1,5})\.json$/;

/** The remote system the processing calls: 404 while `failing`, 200 otherwise (or as the request id says). */
class FakeRemote {
  failing = true;
  url = '';
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      const scripted = SCRIPTED.exec(req.url ?? '');
      const fail = scripted ? scripted[1] === 'f' : this.failing;
      setTimeout(() => {
        res.writeHead(fail ? 404 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fail ? { message: 'Request not found' } : { request: [{ id: 61 }] }));
      }, scripted ? Number(scripted[2]) : 0);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('e-mail alerts when operations fail', () => {
  let smtp: MailCatcher;
  let remote: FakeRemote;
  let platform: RunningApi;
  let worker: RunningWorker | undefined;
  let second: RunningWorker | undefined;
  let session: Session;
  let processing: ProcessingView;

  const startAlertWorker = (windowMs: number, overrides: Record<string, string> = {}) =>
    startWorker({
      SMTP_URL: smtp.url,
      ALERT_WINDOW_MS: String(windowMs),
      PUBLIC_URL,
      OUTBOUND_ALLOWLIST: '127.0.0.0/8',
      ...overrides,
    });

  const send = async (rId: string): Promise<string> => {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?r_id=${rId}&note=${CANARY}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { operationId: string }).operationId;
  };

  const finished = (ids: string[], status: 'failed' | 'succeeded') =>
    waitFor(async () => {
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM operation WHERE id = ANY($1) AND status = $2`, [ids, status]);
      return row?.n === ids.length;
    }, 20_000, `${ids.length} operation(s) ${status}`);

  beforeAll(async () => {
    smtp = await new MailCatcher().start(0);
    remote = await new FakeRemote().start();
    platform = await startApi({ SMTP_URL: smtp.url });
  });

  afterAll(async () => {
    await platform.close();
    await smtp.stop();
    await remote.stop();
  });

  beforeEach(async () => {
    await resetState();
    session = await signUp(platform.url, OWNER);
    smtp.messages.length = 0;
    remote.failing = true;
    await api(session, 'PUT', '/api/secrets/CANARY_KEY', { value: CANARY });
    const created = await api<ProcessingView>(session, 'POST', '/api/processings', {
      name: PROCESSING_NAME,
      source: { type: 'webhook', methods: ['GET'], parameters: [{ name: 'r_id' }, { name: 'note' }], dedup: null },
      actions: [
        {
          id: 'a1',
          key: 'fetch_request',
          type: 'http_request',
          name: STEP_NAME,
          settings: { method: 'GET', url: `${remote.url}/{{secrets.CANARY_KEY}}/request/{{source.r_id}}.json` },
        },
      ],
    });
    expect(created.status).toBe(201);
    processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`)).body;
  });

  /** Clean-ups a test registers for what it opened itself. */
  const afterThis: Array<() => Promise<unknown>> = [];

  afterEach(async () => {
    for (const close of afterThis.splice(0)) await close();
    await worker?.close();
    await second?.close();
    worker = second = undefined;
    // Whatever a test did, no e-mail may carry the secret, plainly or encoded.
    for (const mail of smtp.messages) {
      for (const text of [mail.raw, mail.subject, mail.text, mail.html]) {
        expect(text).not.toContain(CANARY);
        expect(text).not.toContain(Buffer.from(CANARY).toString('base64').slice(0, 16));
      }
    }
  });

  it('mails the first failure at once with what happened, sends no digest for it alone, and one recovery', async () => {
    worker = await startAlertWorker(3_000);
    // The hot path: a success of a processing that is not failing never reaches the alert tables.
    const recordSuccess = jest.spyOn(worker.app.get(AlertsRepository), 'recordSuccess');
    remote.failing = false;
    const fine = await send('59');
    await finished([fine], 'succeeded');
    expect(recordSuccess).not.toHaveBeenCalled();
    expect(await sql('SELECT 1 FROM alert_state')).toHaveLength(0);
    remote.failing = true;

    const started = Date.now();
    const id = await send('61');
    const [mail] = await smtp.waitFor(1);
    expect(Date.now() - started).toBeLessThan(3_000); // at once, not at the window's end

    const [stored] = await sql<{ params: Record<string, unknown> }>(`SELECT params FROM operation WHERE id = $1`, [id]);
    expect(stored?.params.note).toBe(CANARY); // the secret is really in what the alert quotes
    expect(mail!.to).toEqual([OWNER]);
    expect(mail!.subject).toBe(`[Provod] Ошибка: ${PROCESSING_NAME}`);
    expect(mail!.text).toContain(`Обработка «${PROCESSING_NAME}» завершилась ошибкой.`);
    expect(mail!.text).toContain(`Шаг: ${STEP_NAME}`);
    expect(mail!.text).toMatch(/Что случилось: 127\.0\.0\.1:\d+ не нашёл то, что запросил шаг \(404\)/);
    expect(mail!.text).toMatch(/Техническое сообщение: The server 127\.0\.0\.1:\d+ answered 404 Not Found: Request not found/);
    expect(mail!.text).toMatch(/Время: \d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d \(Europe\/Moscow\)/);
    expect(mail!.text).toContain('  r_id: 61');
    expect(mail!.text).toContain('  note: ••••••');
    expect(mail!.text).toContain(`${PUBLIC_URL}/operations/${id}`);
    expect(mail!.html).toContain(`<a href="${PUBLIC_URL}/operations/${id}">`);
    expect(mail!.html).toContain(STEP_NAME);

    remote.failing = false;
    const ok = await send('62');
    const [, recovered] = await smtp.waitFor(2);
    expect(recovered!.subject).toBe(`[Provod] Снова работает: ${PROCESSING_NAME}`);
    expect(recovered!.text).toContain('после 1 ошибки');
    expect(recovered!.text).toContain(`${PUBLIC_URL}/operations/${ok}`);

    const again = await send('63');
    await finished([again], 'succeeded');
    expect(recordSuccess).toHaveBeenCalledTimes(1); // only the success that ended the streak
    // Past the window's end: a window with a single failure has nothing to digest.
    await sleep(Math.max(0, started + 3_000 + 1_000 - Date.now()));
    expect(smtp.messages.map((m) => m.subject)).toHaveLength(2);
  });

  it('sums up a processing that flaps within the window in the digest, and mails at once again after the window', async () => {
    worker = await startAlertWorker(3_000);
    const first = await send('64');
    await smtp.waitFor(1);
    remote.failing = false;
    await finished([await send('65')], 'succeeded');
    await smtp.waitFor(2); // recovered
    remote.failing = true;
    const second = await send('66');
    await finished([second], 'failed');
    remote.failing = false;
    const last = await send('67');
    await finished([last], 'succeeded');
    // Neither the second failure nor the second recovery mails on its own: the digest tells both.
    const mails = await smtp.waitFor(3, 10_000);
    expect(mails.map((m) => m.subject)).toEqual([
      `[Provod] Ошибка: ${PROCESSING_NAME}`,
      `[Provod] Снова работает: ${PROCESSING_NAME}`,
      `[Provod] Ошибки: ${PROCESSING_NAME} — 2 за 3 с`,
    ]);
    expect(mails[2]!.text).toContain('Сейчас: обработка снова работает.');
    expect(mails[2]!.text).toContain(`${PUBLIC_URL}/operations/${second}`);
    expect(mails[0]!.text).toContain(`${PUBLIC_URL}/operations/${first}`);

    remote.failing = true;
    const next = await send('68');
    const [, , , again] = await smtp.waitFor(4);
    expect(again!.subject).toBe(`[Provod] Ошибка: ${PROCESSING_NAME}`);
    expect(again!.text).toContain(`${PUBLIC_URL}/operations/${next}`);
  });

  it('8 concurrent events, 2 failing and 6 succeeding, most successes finishing last: failure mail first, then recovery, a digest that says it works, not failing', async () => {
    worker = await startAlertWorker(3_000);
    second = await startAlertWorker(3_000);
    // All sent at once; the remote answers in the order of the delays, so they finish in that order.
    const plan = ['s-0', 'f-150', 'f-300', 's-600', 's-700', 's-800', 's-900', 's-1000'];
    const ids = await Promise.all(plan.map((rId) => send(rId)));
    const byPlan = Object.fromEntries(plan.map((rId, i) => [rId, ids[i]!]));
    await finished(ids.filter((_, i) => plan[i]!.startsWith('f')), 'failed');
    await finished(ids.filter((_, i) => plan[i]!.startsWith('s')), 'succeeded');
    const finishes = await sql<{ id: string; status: string }>(`SELECT id, status FROM operation WHERE id = ANY($1) ORDER BY finished_at`, [ids]);
    process.stdout.write(`finish order: ${finishes.map((f) => plan[ids.indexOf(f.id)]).join(', ')}\n`);

    // Every result is in: the processing works, whatever order the results reached the alert state in.
    await waitFor(async () => (await sql<{ failing: boolean }>(`SELECT failing FROM alert_state`))[0]?.failing === false, 10_000, 'the streak to end');
    const mails = await smtp.waitFor(3, 15_000);
    const received = mails.map((m) => m.subject.slice(0, m.subject.indexOf(':')));
    expect(received).toEqual(['[Provod] Ошибка', '[Provod] Снова работает', '[Provod] Ошибки']);
    const failureOf = (id: string) => mails[0]!.text.includes(`${PUBLIC_URL}/operations/${id}`);
    expect(failureOf(byPlan['f-150']!) || failureOf(byPlan['f-300']!)).toBe(true);
    const recoveredBy = ['s-600', 's-700', 's-800', 's-900', 's-1000'].filter((rId) => mails[1]!.text.includes(`/operations/${byPlan[rId]}`));
    expect(recoveredBy).toHaveLength(1);
    expect(mails[2]!.text).toContain('Сейчас: обработка снова работает.');

    const rows = await sql<{ kind: string; sent_at: Date }>(`SELECT kind, sent_at FROM alert ORDER BY sent_at`);
    expect(rows.map((r) => r.kind)).toEqual(['failure', 'recovered', 'digest']);
    process.stdout.write(`recovered mail sent ${rows[1]!.sent_at.getTime() - rows[0]!.sent_at.getTime()} ms after the failure mail\n`);
    await sleep(500);
    expect(smtp.messages).toHaveLength(3);
  });

  it('judges results by finish time: a late older failure leaves the processing working, a late older success ends nothing', async () => {
    const db = await createDataSource(testConfig().DATABASE_URL, 2).initialize();
    afterThis.push(() => db.destroy());
    const alerts = new AlertsRepository(db);
    const op = async (status: 'failed' | 'succeeded', finishedSecondsAgo: number) =>
      (
        await sql<{ id: string }>(
          `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, finished_at)
           VALUES ($1, $2, 1, $3, '{}', now() - make_interval(secs => $4)) RETURNING id`,
          [processing.workspaceId, processing.id, status, finishedSecondsAgo],
        )
      )[0]!.id;
    const state = async () => (await sql<{ failing: boolean; streak_failures: number }>(`SELECT failing, streak_failures FROM alert_state`))[0];
    const who = { workspaceId: processing.workspaceId, processingId: processing.id };

    // A failure 10 s ago, then a success 5 s ago: recovered.
    expect((await alerts.recordFailure({ ...who, operationId: await op('failed', 10) }, 60_000)).failing).toBe(true);
    expect(await alerts.recordSuccess(processing.id, await op('succeeded', 5))).toHaveLength(1);
    // A failure that finished 8 s ago reaches the state only now: counted in the window, but the later success stands.
    const late = await alerts.recordFailure({ ...who, operationId: await op('failed', 8) }, 60_000);
    expect(late).toMatchObject({ failing: false, alerts: [{ delayMs: expect.any(Number) }] });
    expect(await state()).toMatchObject({ failing: false });

    // A new failure 2 s ago, then a success that finished 3 s ago arrives: still failing, no recovery.
    expect((await alerts.recordFailure({ ...who, operationId: await op('failed', 2) }, 60_000)).failing).toBe(true);
    expect(await alerts.recordSuccess(processing.id, await op('succeeded', 3))).toEqual([]);
    expect(await state()).toMatchObject({ failing: true });

    // A success that finished after it but skipped the state (its process saw no failing mark): the sweeper ends the streak.
    const missed = await op('succeeded', 1);
    expect(await alerts.staleFailingStreaks()).toEqual([{ processingId: processing.id, operationId: missed }]);
    worker = await startAlertWorker(60_000);
    const { AlertSweeper } = await import('../../apps/worker/src/alerts/alert-sweeper.service');
    await worker.app.get(AlertSweeper).sweepOnce();
    expect(await state()).toMatchObject({ failing: false });
    expect(await alerts.staleFailingStreaks()).toEqual([]);
  });

  it('alerts about an operation the queue gave up on after system errors', async () => {
    worker = await startAlertWorker(3_000);
    const { OperationRunner } = await import('../../apps/worker/src/operations/operation-runner.service');
    // An operation a worker holds under a lease (so the reconciler leaves it alone) when its job fails for good.
    const [op] = await sql<{ id: string }>(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, params, lease_until)
       VALUES ($1, $2, $3, 'running', '{}', $4, now() + interval '1 hour') RETURNING id`,
      [processing.workspaceId, processing.id, processing.version, JSON.stringify({ r_id: '99', note: CANARY })],
    );
    await worker.app.get(OperationRunner).giveUp(op!.id, 'the database did not answer');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`[Provod] Ошибка: ${PROCESSING_NAME}`);
    expect(mail!.text).toContain('Provod could not run this operation after several attempts: the database did not answer');
    expect(mail!.text).toContain('  r_id: 99');
    expect(mail!.text).toContain('Что случилось: Provod не смог выполнить операцию из-за внутреннего сбоя');
    expect(mail!.text).not.toContain('Шаг:');
  });

  it('turns a burst of 50 failures into one immediate e-mail and one digest counting all 50, with two workers', async () => {
    // Two workers take the operations and the alerts between them, as two processes would.
    worker = await startAlertWorker(4_000);
    second = await startAlertWorker(4_000);
    const ids = await Promise.all(Array.from({ length: 50 }, (_, i) => send(String(100 + i))));
    await finished(ids, 'failed');
    const [first, digest] = await smtp.waitFor(2, 15_000);
    expect(first!.subject).toBe(`[Provod] Ошибка: ${PROCESSING_NAME}`);
    expect(digest!.subject).toBe(`[Provod] Ошибки: ${PROCESSING_NAME} — 50 за 4 с`);
    expect(digest!.text).toContain(`Обработка «${PROCESSING_NAME}»: 50 ошибок за 4 с`);
    expect(digest!.text).toContain('(Europe/Moscow)');
    expect(digest!.text).toContain('Сейчас: последняя операция завершилась ошибкой.');
    expect(digest!.text).toMatch(new RegExp(`${PUBLIC_URL}/operations/(${ids.join('|')})`));

    await sleep(1_000);
    expect(smtp.messages).toHaveLength(2);
    const rows = await sql<{ kind: string; status: string; failure_count: number }>(
      `SELECT kind, status, failure_count FROM alert ORDER BY created_at`,
    );
    expect(rows).toEqual([
      { kind: 'failure', status: 'sent', failure_count: 1 },
      { kind: 'digest', status: 'sent', failure_count: 50 },
    ]);
  });

  it('keeps alerts while SMTP is down, answers the test e-mail with 503, and delivers everything when it is back', async () => {
    worker = await startAlertWorker(3_000);
    await smtp.stop();

    const refused = await api<{ message: string }>(session, 'POST', '/api/alerts/test', {});
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/ECONNREFUSED/);

    const ids = [await send('71'), await send('72'), await send('73')];
    await finished(ids, 'failed'); // the mail server changes nothing about the operations' result
    await waitFor(async () => {
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM alert WHERE last_error LIKE '%ECONNREFUSED%'`);
      return (row?.n ?? 0) >= 1;
    }, 10_000, 'a refused send attempt');
    expect(smtp.messages).toHaveLength(0);

    await smtp.start(); // the same port, as a restarted mail server
    const mails = await smtp.waitFor(2, 25_000);
    expect(mails.map((m) => m.subject).sort()).toEqual(
      [`[Provod] Ошибка: ${PROCESSING_NAME}`, `[Provod] Ошибки: ${PROCESSING_NAME} — 3 за 3 с`].sort(),
    );
    const rows = await sql<{ status: string; attempts: number }>(`SELECT status, attempts FROM alert`);
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(2); // sent by a retry

    const sent = await api(session, 'POST', '/api/alerts/test', {});
    expect(sent).toEqual({ status: 200, body: { sent: true } });
    const [, , test] = await smtp.waitFor(3);
    expect(test!.to).toEqual([OWNER]);
    expect(test!.subject).toBe('[Provod] Проверка уведомлений');
  });

  it("sends to a processing's own recipients, validates them, and sends the test e-mail where asked", async () => {
    const path = `/api/processings/${processing.id}/alerts`;
    const set = await api<ProcessingView>(session, 'PUT', path, { recipients: ['ops@provod.test', 'OPS@provod.test', 'lead@provod.test'] });
    expect(set.status).toBe(200);
    expect(set.body.alertRecipients).toEqual(['ops@provod.test', 'lead@provod.test']);
    expect(set.body.version).toBe(processing.version); // not a change of the definition

    const invalid = await api<{ issues: Array<{ path: string }> }>(session, 'PUT', path, { recipients: ['ops@provod.test', 'not an address'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues[0]?.path).toBe('recipients.1');
    const tooMany = await api(session, 'PUT', path, { recipients: Array.from({ length: 21 }, (_, i) => `r${i}@provod.test`) });
    expect(tooMany.status).toBe(400);
    const unknown = await api(session, 'PUT', '/api/processings/00000000-0000-4000-8000-00000000dead/alerts', { recipients: [] });
    expect(unknown.status).toBe(404);

    worker = await startAlertWorker(3_000);
    await send('81');
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual(['ops@provod.test', 'lead@provod.test']);

    expect(await api(session, 'POST', '/api/alerts/test', { to: 'someone@provod.test' })).toEqual({ status: 200, body: { sent: true } });
    const [, test] = await smtp.waitFor(2);
    expect(test!.to).toEqual(['someone@provod.test']);
    expect((await api(session, 'POST', '/api/alerts/test', { to: 'nobody' })).status).toBe(400);
  });

  it('without SMTP_URL: the test e-mail answers 503 and alerts stay pending until a worker with SMTP sends them', async () => {
    const bare = await startApi({ SMTP_URL: '' });
    try {
      const res = await api<{ message: string }>({ ...session, url: bare.url }, 'POST', '/api/alerts/test', {});
      expect(res).toEqual({ status: 503, body: expect.objectContaining({ message: 'SMTP is not configured' }) });
    } finally {
      await bare.close();
    }

    worker = await startAlertWorker(3_000, { SMTP_URL: '' });
    const id = await send('91');
    await finished([id], 'failed');
    await waitFor(async () => (await sql(`SELECT 1 FROM alert WHERE status = 'pending' AND attempts = 0`)).length === 1, 5_000, 'a pending alert');
    await sleep(300);
    expect(smtp.messages).toHaveLength(0);
    await worker.close();

    worker = await startAlertWorker(3_000);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.subject).toBe(`[Provod] Ошибка: ${PROCESSING_NAME}`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/operations/${id}`);
  });
});
