import type { OperationDetail, ProcessingView } from '@provod/contracts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { api } from '../support/flows';
import { resetState, startApi, testConfig, waitFor, type RunningApi } from '../support/platform';
import { signUp, type Session } from '../support/session';

const root = join(__dirname, '../..');

/** The worker as production runs it (its own process, production lock, stalled check and lease), mailing through `smtpUrl`. */
function startWorkerProcess(smtpUrl: string): ChildProcess {
  const config = testConfig();
  return spawn(process.execPath, ['apps/worker/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: config.REDIS_URL,
      QUEUE_PREFIX: config.QUEUE_PREFIX,
      PROVOD_SECRET_KEY: 'test-key',
      SMTP_URL: smtpUrl,
      LOG_LEVEL: 'silent',
    },
  });
}

describe('kill -9 of a worker while its letter is being accepted', () => {
  let platform: RunningApi;
  let session: Session;
  let smtp: SMTPServer;
  let smtpUrl = '';
  const received: string[] = [];
  let onLetter: (() => void) | undefined;
  const workers: ChildProcess[] = [];

  beforeAll(async () => {
    const build = spawnSync('npx', ['tsc', '-b', 'apps/worker/tsconfig.app.json'], { cwd: root, stdio: 'inherit' });
    expect(build.status).toBe(0);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          // The server has the letter; its sender dies before it hears the 250.
          received.push(Buffer.concat(chunks).toString('utf8'));
          onLetter?.();
          setTimeout(() => callback(), 200);
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    // The API checks a processing that sends e-mail has a mail server before it starts it.
    platform = await startApi({ SMTP_URL: smtpUrl });
  }, 120_000);
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await platform.close();
  });

  it('the next worker does not send the letter again and says it may have gone out', async () => {
    await resetState();
    session = await signUp(platform.url);
    const created = await api<ProcessingView>(session, 'POST', '/api/processings', {
      name: 'Письмо о заявке',
      source: { parameters: [{ name: 'r_id' }] },
      actions: [{ id: 'a-mail', key: 'mail', type: 'send_email', name: 'Письмо менеджеру', settings: { to: 'manager@example.ru', subject: 'Заявка {{source.r_id}}' } }],
    });
    const processing = (await api<ProcessingView>(session, 'POST', `/api/processings/${created.body.id}/start`)).body;

    const first = startWorkerProcess(smtpUrl);
    workers.push(first);
    const exited = new Promise((resolve) => first.on('exit', resolve));
    let killedAt = 0;
    onLetter = () => {
      killedAt = Date.now();
      first.kill('SIGKILL');
    };
    const hook = await fetch(`${platform.url}/hooks/${processing.webhookToken}?r_id=61`);
    const { operationId } = (await hook.json()) as { operationId: string };
    await exited;
    onLetter = undefined;
    expect(received).toHaveLength(1);

    workers.push(startWorkerProcess(smtpUrl));
    const op = await waitFor(
      async () => {
        const detail = (await api<OperationDetail>(session, 'GET', `/api/operations/${operationId}`)).body;
        return detail.status === 'failed' || detail.status === 'succeeded' ? detail : undefined;
      },
      90_000,
      'the operation to finish on the second worker',
    );
    process.stdout.write(`kill -9 while the letter was accepted: ${received.length} letter; the other worker finished the operation ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill\n`);

    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'mail_outcome_unknown', step: 'Письмо менеджеру' });
    expect(op.steps[0]?.previousAttempts?.[0]?.error.code).toBe('interrupted');
    expect(received).toHaveLength(1);
  }, 150_000);
});
