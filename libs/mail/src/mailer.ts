import nodemailer, { type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

/** One letter, rendered: every message Provod sends carries a plain-text and an HTML part. */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

/** What the mailer reads from the configuration (`SMTP_URL`, `SMTP_FROM`). */
export interface MailerSettings {
  SMTP_URL?: string | undefined;
  SMTP_FROM: string;
}

/**
 * Sends Provod's own e-mails (alerts, invitations, password resets) over SMTP_URL. Timeouts are short:
 * a mail server that hangs must fail the attempt (alerts are retried by their queue) rather than hold
 * a worker slot or a request for minutes.
 */
export class Mailer {
  private constructor(
    private readonly transport: Transporter<SMTPTransport.SentMessageInfo>,
    private readonly from: string,
  ) {}

  /** Null when SMTP_URL is unset: alerts are then recorded and wait, and nothing else is mailed. */
  static fromConfig(config: MailerSettings): Mailer | null {
    if (!config.SMTP_URL) return null;
    // The URL's own settings (`?tls.rejectUnauthorized=false`…) win over these defaults.
    const transport = nodemailer.createTransport(
      new SMTPTransport({ url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    );
    return new Mailer(transport, config.SMTP_FROM);
  }

  async send(to: readonly string[], message: MailMessage): Promise<void> {
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
