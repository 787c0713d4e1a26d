import type { ActionOf, SendEmailOutput } from '@provod/contracts';
import {
  type ActionExecutor,
  type ExecutionContext,
  type MailMessage,
  renderTextInto,
  runPureTask,
  scopeFor,
  type SandboxPort,
  type Scope,
  type StepOutcome,
  StepFailure,
} from '@provod/engine';
import { throwWithInput } from '../step-input';
import { parseAddressList } from './address-list';

/** What a letter shows in a test run instead of being sent. */
export interface SkippedMailOutput {
  skipped: true;
  reason: 'not sent in a test run';
  letter: SendEmailInput;
}

/** The letter as rendered: what the step really sent, shown in history. */
export interface SendEmailInput {
  to: string[];
  subject: string;
  body: string;
  replyTo?: string;
}

/**
 * Sends one plain-text letter through the mail port the worker supplies. A write: the worker marks
 * it in flight before and records it right after, and a try cut off by a crash is not sent again
 * (SMTP has no idempotency key), it fails as `mail_outcome_unknown` for the person to check.
 */
export class SendEmailExecutor implements ActionExecutor<'send_email'> {
  /** Rendering runs there when it may be expensive; without one (unit tests) it runs in place. */
  constructor(private readonly sandbox?: SandboxPort) {}

  async execute(action: ActionOf<'send_email'>, context: ExecutionContext): Promise<StepOutcome> {
    const { letter, unresolved } = await runPureTask(this.sandbox, 'send_email.render', { action, scope: scopeFor(action.settings, context.scope) }, renderLetterTask);
    const input = letter;
    if (context.dryRunWrites) {
      const output: SkippedMailOutput = { skipped: true, reason: 'not sent in a test run', letter };
      return { input, output, unresolved };
    }
    if (context.interrupted) {
      throw new StepFailure(
        'mail_outcome_unknown',
        'Provod was interrupted while this letter was on its way, so it may have been sent; it was not sent again',
        { input },
      );
    }
    if (!context.mail) throw new StepFailure('mail_not_configured', 'SMTP_URL is not set, so Provod cannot send letters', { input });
    const message: MailMessage = {
      to: letter.to,
      subject: letter.subject,
      text: letter.body,
      ...(letter.replyTo ? { replyTo: letter.replyTo } : {}),
      messageId: `<${context.operationId}.${action.id}@provod>`,
    };
    try {
      const receipt = await context.mail.send(message);
      const output: SendEmailOutput = { messageId: receipt.messageId, accepted: receipt.accepted, response: receipt.response };
      return { input, output, unresolved };
    } catch (error) {
      throwWithInput(error, input);
    }
  }
}

export interface RenderLetterTask {
  action: ActionOf<'send_email'>;
  scope: Scope;
}

/** Renders the letter, pure and synchronous, so it can run in a sandbox thread. */
export function renderLetterTask({ action, scope }: RenderLetterTask): { letter: SendEmailInput; unresolved: string[] } {
  const unresolved = new Set<string>();
  const letter = renderLetter(action, scope, unresolved);
  return { letter, unresolved: [...unresolved] };
}

function renderLetter(action: ActionOf<'send_email'>, scope: Scope, unresolved: Set<string>): SendEmailInput {
  const { settings } = action;
  let partial: Partial<SendEmailInput> = {};
  try {
    const toText = renderTextInto(settings.to, scope, unresolved);
    partial = { to: [toText] };
    const subject = oneLine(renderTextInto(settings.subject, scope, unresolved));
    const body = renderTextInto(settings.body, scope, unresolved);
    const replyToText = settings.replyTo ? renderTextInto(settings.replyTo, scope, unresolved).trim() : '';
    partial = { to: [toText], subject, body, ...(replyToText ? { replyTo: replyToText } : {}) };
    const to = parseAddressList(toText);
    const replyTo = replyToText ? parseAddressList(replyToText) : [];
    if (replyTo.length > 1) throw new StepFailure('invalid_address', `"Reply to" holds ${replyTo.length} addresses; it takes one`, { address: replyToText });
    return { to, subject, body, ...(replyTo[0] ? { replyTo: replyTo[0] } : {}) };
  } catch (error) {
    throwWithInput(error, partial);
  }
}

/** A line break in a subject would start a new header line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
