import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { ProvodConfig } from '../config';
import type { AlertMessage } from './alert-message';

/**
 * Sends alert e-mails over SMTP_URL. Timeouts are short: a mail server that hangs must fail the
 * attempt (the queue retries it later) rather than hold a worker slot for minutes.
 */
export class AlertMailer {
  private constructor(
    private readonly transport: Transporter<SMTPTransport.SentMessageInfo>,
    private readonly from: string,
  ) {}

  /** Null when SMTP_URL is unset: alerts are then recorded and wait until it is configured. */
  static fromConfig(config: Pick<ProvodConfig, 'SMTP_URL' | 'SMTP_FROM'>): AlertMailer | null {
    if (!config.SMTP_URL) return null;
    // The URL's own settings (`?tls.rejectUnauthorized=false`…) win over these defaults.
    const transport = nodemailer.createTransport(
      new SMTPTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
    return new AlertMailer(transport, config.SMTP_FROM);
  }

  async send(to: readonly string[], message: AlertMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: [...to], subject: message.subject, text: message.text, html: message.html });
  }

  close(): void {
    this.transport.close();
  }
}

/** An SMTP error as people can read it; nodemailer puts the server's own answer in `response`. */
export function smtpErrorText(error: unknown): string {
  const e = error as { message?: string; response?: string; code?: string };
  const text = e.response && !e.message?.includes(e.response) ? `${e.message}: ${e.response}` : (e.message ?? String(error));
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
