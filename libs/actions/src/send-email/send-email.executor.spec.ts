import { type ActionOf, sendEmailActionSchema } from '@provod/contracts';
import { isStepFailure, type MailMessage, type MailPort, StepFailure } from '@provod/engine';
import { contextWith, testScope } from '../__tests__/test-context';
import { SendEmailExecutor } from './send-email.executor';
import { smtpFailure } from './smtp-mail.client';

const sut = new SendEmailExecutor();

function action(settings: Record<string, unknown>): ActionOf<'send_email'> {
  return sendEmailActionSchema.parse({ id: 'm1', key: 'notify', name: 'Notify the manager', type: 'send_email', settings });
}

class FakeMail implements MailPort {
  readonly sent: MailMessage[] = [];
  constructor(private readonly failure?: StepFailure) {}
  async send(message: MailMessage) {
    if (this.failure) throw this.failure;
    this.sent.push(message);
    return { messageId: message.messageId, accepted: message.to, rejected: [], response: '250 2.0.0 Ok: queued' };
  }
}

const scope = testScope({ lead: { email: 'client@example.ru', name: 'Алексей' } });
const settings = { to: '{{lead.email}}, manager@example.ru', subject: 'Заявка #{{source.r_id}}\nот {{lead.name}}', body: 'Клиент: {{lead.name}}' };

async function failureOf(promise: Promise<unknown>): Promise<StepFailure> {
  const error = await promise.catch((e: unknown) => e);
  if (!isStepFailure(error)) throw new Error(`expected a StepFailure, got ${String(error)}`);
  return error;
}

describe('SendEmailExecutor', () => {
  it('renders the letter and hands it to the mail port with a message id fixed per operation and step', async () => {
    const mail = new FakeMail();
    const outcome = await sut.execute(action(settings), { ...contextWith(scope), mail });
    expect(mail.sent).toEqual([
      { to: ['client@example.ru', 'manager@example.ru'], subject: 'Заявка #61 от Алексей', text: 'Клиент: Алексей', messageId: '<op-1.m1@provod>' },
    ]);
    expect(outcome.output).toEqual({ messageId: '<op-1.m1@provod>', accepted: ['client@example.ru', 'manager@example.ru'], response: '250 2.0.0 Ok: queued' });
  });

  it('describes the letter instead of sending it in a test run', async () => {
    const mail = new FakeMail();
    const outcome = await sut.execute(action(settings), { ...contextWith(scope), mail, dryRunWrites: true });
    expect(mail.sent).toEqual([]);
    expect(outcome.output).toEqual(expect.objectContaining({ skipped: true, letter: expect.objectContaining({ subject: 'Заявка #61 от Алексей' }) }));
  });

  it('does not send again a letter whose previous try was cut off on its way', async () => {
    const mail = new FakeMail();
    const failure = await failureOf(sut.execute(action(settings), { ...contextWith(scope), mail, interrupted: true }));
    expect({ code: failure.code, retryable: failure.retry.retryable, sent: mail.sent.length }).toEqual({ code: 'mail_outcome_unknown', retryable: false, sent: 0 });
  });

  it('fails as mail_not_configured without a mail port', async () => {
    const failure = await failureOf(sut.execute(action(settings), contextWith(scope)));
    expect(failure.code).toBe('mail_not_configured');
  });

  it('refuses an address that is not one, naming it, before sending', async () => {
    const mail = new FakeMail();
    const failure = await failureOf(sut.execute(action({ ...settings, to: '{{lead.name}}' }), { ...contextWith(scope), mail }));
    expect({ code: failure.code, details: failure.details }).toEqual({ code: 'invalid_address', details: expect.objectContaining({ address: 'Алексей' }) });
    const empty = await failureOf(sut.execute(action({ ...settings, to: '{{lead.absent}}' }), { ...contextWith(scope), mail }));
    expect(empty.code).toBe('invalid_address');
    expect(mail.sent).toEqual([]);
  });

  it('keeps the port\'s failure and its retry hint, adding the rendered letter', async () => {
    const mail = new FakeMail(new StepFailure('mail_deferred', 'deferred', { response: '451 try later' }, { retryable: true }));
    const failure = await failureOf(sut.execute(action(settings), { ...contextWith(scope), mail }));
    expect({ code: failure.code, retryable: failure.retry.retryable, input: (failure.details as { input: { to: string[] } }).input.to }).toEqual({
      code: 'mail_deferred',
      retryable: true,
      input: ['client@example.ru', 'manager@example.ru'],
    });
  });
});

describe('smtpFailure', () => {
  it.each([
    [{ responseCode: 451, response: '451 4.7.1 Try again later', command: 'RCPT TO' }, 'mail_deferred', true],
    [{ responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' }, 'mail_rejected', false],
    [{ responseCode: 554, response: '554 Message refused', command: 'DATA' }, 'mail_rejected', false],
    [{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, 'mail_unavailable', true],
    [{ code: 'ETIMEDOUT', command: 'CONN', message: 'Connection timeout' }, 'mail_unavailable', true],
    [{ code: 'ETIMEDOUT', command: 'DATA', message: 'Timeout' }, 'mail_outcome_unknown', false],
  ])('%o → %s', (error, code, retryable) => {
    const failure = smtpFailure(error, 'smtp.example.ru');
    expect({ code: failure.code, retryable: failure.retry.retryable }).toEqual({ code, retryable });
  });
});
