import type { HttpAuth } from '@provod/contracts';
import { StepFailure } from '@provod/engine';

/** What an auth setting adds to a request, its values already rendered. */
export interface AuthParts {
  header?: { name: string; value: string };
  query?: { name: string; value: string };
}

export type RenderText = (template: string) => string;

/**
 * Turns the auth setting into a header or a query pair. Values are templates (usually
 * `{{secrets.NAME}}`) rendered as plain text, so a secret never has to be pasted into a header by hand.
 */
export function buildAuth(auth: HttpAuth | undefined, render: RenderText): AuthParts {
  switch (auth?.type) {
    case 'basic': {
      const username = render(auth.username);
      if (username.includes(':')) {
        throw new StepFailure('invalid_auth', 'The user name for basic authentication cannot contain ":"');
      }
      // RFC 7617: user and password travel as UTF-8, so Cyrillic passwords work.
      const encoded = Buffer.from(`${username}:${render(auth.password)}`, 'utf8').toString('base64');
      return { header: { name: 'Authorization', value: `Basic ${encoded}` } };
    }
    case 'bearer':
      return { header: { name: 'Authorization', value: `Bearer ${render(auth.token).trim()}` } };
    case 'api_key': {
      const pair = { name: render(auth.name).trim(), value: render(auth.value).trim() };
      if (pair.name === '') throw new StepFailure('invalid_auth', 'The API key needs a name for its header or query parameter');
      return auth.in === 'header' ? { header: pair } : { query: pair };
    }
    default:
      return {};
  }
}
