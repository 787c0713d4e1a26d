import { StepFailure } from '@provod/engine';

/** More recipients than this is a mailing, not a notification. */
export const MAX_RECIPIENTS = 50;
const MAX_ADDRESS_CHARS = 254;
// One @, no spaces, angle brackets, quotes or commas, a dot in the domain: linear, as each class excludes the next separator.
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;.]+(?:\.[^\s@<>",;.]+)+$/;

/**
 * "a@x.ru, b@y.ru; c@z.ru" as addresses, each checked. A rendered field that is empty or holds
 * anything else fails the step as `invalid_address`, naming what it got.
 */
export function parseAddressList(text: string): string[] {
  const parts = text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (parts.length === 0) throw new StepFailure('invalid_address', 'There is no address to send to: the field rendered empty', { address: text });
  if (parts.length > MAX_RECIPIENTS) {
    throw new StepFailure('invalid_address', `${parts.length} addresses; a letter goes to at most ${MAX_RECIPIENTS}`, { address: `${parts.slice(0, 3).join(', ')}, …` });
  }
  for (const part of parts) {
    if (part.length > MAX_ADDRESS_CHARS || !ADDRESS.test(part)) {
      throw new StepFailure('invalid_address', `"${part.slice(0, 200)}" does not look like an e-mail address`, { address: part.slice(0, 200) });
    }
  }
  return parts;
}
