import type { Action, ActionOf, ActionType } from '@provod/contracts';

/** How often and how far apart a step that failed in a way worth another try is tried again. */
export interface StepRetrySettings {
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Per type: null for steps that never talk to anything that may be "temporarily unavailable". */
const RETRIES: { [T in ActionType]: (action: ActionOf<T>) => StepRetrySettings | null } = {
  http_request: (action) => action.settings.retry,
  json_parser: () => null,
  json_composer: () => null,
  filter: () => null,
  send_email: (action) => action.settings.retry,
};

export function retrySettingsOf(action: Action): StepRetrySettings | null {
  return (RETRIES[action.type] as (a: Action) => StepRetrySettings | null)(action);
}
