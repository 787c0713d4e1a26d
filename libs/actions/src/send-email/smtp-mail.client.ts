import { type MailMessage, type MailPort, type MailReceipt, StepFailure } from '@provod/engine';
import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

export interface SmtpMailClientOptions {
  /** SMTP_URL; its own settings (`?tls.rejectUnauthorized=false`…) win over the timeouts below. */
  url: string;
  from: string;
}

/** Commands after which the message itself is on its way: a break then may follow its delivery. */
const MESSAGE_COMMANDS = new Set(['DATA', 'BDAT', 'MESSAGE']);

/**
 * The mail port over SMTP (nodemailer). Short timeouts, as for alerts: a server that hangs fails the
 * try instead of holding a worker slot. Failures come back as StepFailures the step can explain:
 * a 4xx answer or a connection that never carried the message may be tried again; a 5xx may not;
 * a connection lost while the message was being handed over may have delivered it, and is not.
 */
export class SmtpMailClient implements MailPort {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(private readonly options: SmtpMailClientOptions) {
    this.transport = nodemailer.createTransport(
      new SMTPTransport({ url: options.url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
  }

  async send(message: MailMessage): Promise<MailReceipt> {
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
        ...(message.replyTo ? { replyTo: message.replyTo } : {}),
      });
    } catch (error) {
      throw smtpFailure(error, hostOf(this.options.url));
    }
    return {
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  }

  close(): void {
    this.transport.close();
  }
}

/** What nodemailer's error says, as the step's failure. Exported for its unit spec. */
export function smtpFailure(error: unknown, host: string): StepFailure {
  const e = error as { message?: string; response?: string; responseCode?: number; code?: string; command?: string };
  const response = (e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim().slice(0, 500);
  const details = { host, response, ...(e.responseCode ? { status: e.responseCode } : {}), ...(e.command ? { command: e.command } : {}), ...(e.code ? { cause: e.code } : {}) };
  const code = e.responseCode;
  if (code !== undefined && code >= 500) return new StepFailure('mail_rejected', `The mail server ${host} refused the letter: ${response}`, details);
  if (code !== undefined && code >= 400) return new StepFailure('mail_deferred', `The mail server ${host} deferred the letter: ${response}`, details, { retryable: true });
  if (e.command && MESSAGE_COMMANDS.has(e.command)) {
    return new StepFailure('mail_outcome_unknown', `The connection to ${host} broke while the letter was handed over: ${response}`, details);
  }
  return new StepFailure('mail_unavailable', `Could not reach the mail server ${host}: ${response}`, details, { retryable: true });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the mail server';
  }
}
