import type { ActionType } from '@provod/contracts';

/**
 * What a write step does when the try before it was cut off (it may have reached the other side):
 * `resend` sends it again (HTTP, with the same Idempotency-Key), `keep` does not (a letter that may
 * have left is not sent twice) and says so. The worker relies on it: a step that resends may be
 * marked as "on its way" a little early, in the checkpoint before it, and so cost no write of its own.
 */
export type InterruptedWrite = 'resend' | 'keep';

const ON_INTERRUPTION: { [T in ActionType]: InterruptedWrite } = {
  http_request: 'resend',
  json_parser: 'resend',
  json_composer: 'resend',
  filter: 'resend',
  send_email: 'keep',
};

export function onInterruption(type: ActionType): InterruptedWrite {
  return ON_INTERRUPTION[type];
}
