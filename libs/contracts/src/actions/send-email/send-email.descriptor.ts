import { describeAction } from '../action-descriptor';
import { oneLine } from '../summary-text';
import { SEND_EMAIL_ERRORS } from './send-email.errors';
import { sendEmailActionSchema } from './send-email.schema';

export const sendEmailDescriptor = describeAction({
  type: 'send_email',
  schema: sendEmailActionSchema,
  // SMTP has no idempotency key: a letter handed over is sent, so a cut-off try is never repeated.
  effect: 'writes',
  onInterruption: 'keep',
  retry: (action) => action.settings.retry,
  summary: ({ settings }) => oneLine(`${settings.to} — ${settings.subject}`, 160),
  errors: SEND_EMAIL_ERRORS,
});
