import { applyTemplate, normaliseAnswer, templateFileSchema, type OperationDetail, type ProcessingView, type TemplateFile } from '@provod/contracts';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { FakeBitrix24 } from '../support/fake-bitrix24';
import { FakeEnvybox } from '../support/fake-envybox';
import { FakeTelegram } from '../support/fake-telegram';
import { FakeUon } from '../support/fake-uon';
import { api } from '../support/flows';
import { resetState, startApi, startWorker, waitFor, type RunningApi, type RunningWorker } from '../support/platform';
import { signUp, type Session } from '../support/session';

/**
 * Every gallery template, set up the way the wizard does it (answers → applyTemplate → secrets →
 * create → start), then driven by a real webhook through the API and the worker to a local server
 * that answers like the real destination.
 */
const load = (name: string): TemplateFile =>
  templateFileSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../templates', name), 'utf8')));

describe('gallery templates, end to end', () => {
  let platform: RunningApi;
  let worker: RunningWorker;
  let uon: FakeUon;
  let envybox: FakeEnvybox;
  let telegram: FakeTelegram;
  let bitrix: FakeBitrix24;
  let receiver: Server;
  let receiverUrl: string;
  const received: Array<{ method: string; url: string; body: unknown }> = [];
  let session: Session;

  beforeAll(async () => {
    platform = await startApi();
    worker = await startWorker();
    uon = await new FakeUon().start();
    envybox = await new FakeEnvybox().start();
    telegram = await new FakeTelegram().start();
    bitrix = await new FakeBitrix24().start();
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ method: req.method ?? '', url: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await worker.close();
    await platform.close();
    await Promise.all([uon.stop(), envybox.stop(), telegram.stop(), bitrix.stop()]);
    await new Promise((resolve) => receiver.close(resolve));
  });
  beforeEach(async () => {
    await resetState();
    session = await signUp(platform.url);
  });

  /** What the wizard does with typed answers; returns the started processing. */
  async function setUp(file: TemplateFile, typed: Record<string, string>): Promise<ProcessingView> {
    const answers: Record<string, string> = {};
    for (const question of file.wizard.questions) {
      const normal = normaliseAnswer(question, typed[question.id] ?? '');
      if ('problem' in normal) throw new Error(`${question.id}: ${normal.problem}`);
      answers[question.id] = normal.value;
      if ((question.kind === 'secret' || question.kind === 'secretUrl') && normal.value) {
        const value = question.kind === 'secret' ? normal.value : normal.secret!;
        expect((await api(session, 'PUT', `/api/secrets/${question.secret}`, { value })).status).toBe(200);
      }
    }
    const definition = applyTemplate(file, { answers, name: file.wizard.entries[0]!.name });
    const created = await api<ProcessingView>(session, 'POST', '/api/processings', definition);
    expect(created.status).toBe(201);
    const started = await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`);
    expect(started.status).toBe(200);
    return started.body;
  }

  async function send(processing: ProcessingView, query: string): Promise<OperationDetail> {
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?${query}`);
    expect(res.status).toBe(200);
    const { operationId } = (await res.json()) as { operationId: string };
    return waitFor(async () => {
      const { body } = await api<OperationDetail>(session, 'GET', `/api/operations/${operationId}`);
      return body.status === 'succeeded' || body.status === 'failed' ? body : undefined;
    }, 20_000, `operation ${operationId}`);
  }

  it('U-ON обращение → Envybox: fetches the lead, not a request, and uses the IDs given', async () => {
    envybox.leads.length = 0;
    const processing = await setUp(load('uon-to-envybox.json'), {
      uon_key: uon.apiKey,
      uon_kind: 'lead',
      uon_api: uon.url,
      envybox_account: envybox.url,
      envybox_key: envybox.apiKey,
      pipeline_id: '42',
    });
    const op = await send(processing, 'type_id=1&request_id=226');
    expect(op.error).toBeNull();
    expect(envybox.leads).toHaveLength(1);
    expect(envybox.leads[0]!.body).toEqual({
      request: {
        method: 'create',
        pipeline_id: 42,
        timezone: 'UTC+03:00',
        tags: 'u-on',
        values: {
          name: 'Алексей Артамонов',
          phone: '79270000000',
          email: 'client@example.com',
          comment: 'U-ON #226 от 2025-03-10 09:15; статус: Думает по предложению; менеджер: Анна Петрова',
          utm_source: 'Сайт',
        },
      },
    });
  });

  it('U-ON → Telegram: sends the message to the chat, the bot token never in history', async () => {
    const processing = await setUp(load('uon-to-telegram.json'), {
      uon_key: uon.apiKey,
      uon_api: uon.url,
      bot_token: telegram.token,
      chat_id: '-1001234567890',
      telegram_api: telegram.url,
    });
    const op = await send(processing, 'type_id=2&r_id=61');
    expect(op.error).toBeNull();
    expect(telegram.messages).toEqual([
      {
        chatId: '-1001234567890',
        text: 'Новое из U-ON №61\nКлиент: Алексей Артамонов\nТелефон: +79270000000\nE-mail: client@example.com\nМенеджер: Анна Петрова\nU-ON #61 от 2025-03-14 10:20; статус: Документы выданы; менеджер: Анна Петрова',
        body: expect.any(Object),
      },
    ]);
    expect(op.steps.at(-1)!.output).toMatchObject({ status: 200, body: { ok: true } });
    expect(JSON.stringify(op)).not.toContain(telegram.token);
    expect(JSON.stringify(op)).not.toContain(encodeURIComponent(telegram.token));
  });

  it('U-ON → Telegram: a chat the bot is not in fails the step with Telegram\'s reason', async () => {
    const processing = await setUp(load('uon-to-telegram.json'), {
      uon_key: uon.apiKey,
      uon_api: uon.url,
      bot_token: telegram.token,
      chat_id: '@nobody_here',
      telegram_api: telegram.url,
    });
    const op = await send(processing, 'r_id=61');
    expect(op.status).toBe('failed');
    expect(JSON.stringify(op.steps.at(-1)!.error)).toContain('chat not found');
  });

  it('U-ON → Bitrix24: creates the lead through the incoming webhook, its code kept as a secret', async () => {
    const processing = await setUp(load('uon-to-bitrix24.json'), {
      uon_key: uon.apiKey,
      uon_api: uon.url,
      bitrix_webhook: `${bitrix.webhookUrl}profile.json`,
    });
    const op = await send(processing, 'r_id=61');
    expect(op.error).toBeNull();
    expect(bitrix.leads).toEqual([
      {
        fields: {
          TITLE: 'U-ON #61: Алексей Артамонов',
          NAME: 'Алексей',
          LAST_NAME: 'Артамонов',
          PHONE: [{ VALUE: '+79270000000', VALUE_TYPE: 'WORK' }],
          EMAIL: [{ VALUE: 'client@example.com', VALUE_TYPE: 'WORK' }],
          COMMENTS: 'U-ON #61 от 2025-03-14 10:20; статус: Документы выданы; менеджер: Анна Петрова',
          SOURCE_DESCRIPTION: 'U-ON',
        },
      },
    ]);
    expect(op.steps.at(-1)!.output).toMatchObject({ status: 200, body: { result: 3001 } });
    expect(JSON.stringify(op)).not.toContain(bitrix.code);
  });

  it('any webhook → HTTP: forwards the query and the body as JSON', async () => {
    received.length = 0;
    const processing = await setUp(load('webhook-to-http.json'), { destination: `${receiverUrl}/in?src=provod`, method: 'PUT' });
    const res = await fetch(`${platform.url}/hooks/${processing.webhookToken}?order=7`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ total: 1500, items: ['тур'] }),
    });
    expect(res.status).toBe(200);
    await waitFor(async () => received.length > 0, 20_000, 'the forwarded request');
    expect(received).toEqual([{ method: 'PUT', url: '/in?src=provod', body: { query: { order: '7' }, body: { total: 1500, items: ['тур'] } } }]);
  });
});
