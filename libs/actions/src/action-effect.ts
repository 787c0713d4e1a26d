import type { Action, ActionOf, ActionType } from '@provod/contracts';

/**
 * What running an action does outside Provod: `pure` computes from what it is given, `reads` asks
 * another system without changing it, `writes` may change it. Reads and writes must not repeat once
 * answered (a write would be duplicated, a read spends the remote side's rate limit); a write that
 * may have been cut off is repeated only with care (the same Idempotency-Key).
 */
export type ActionEffect = 'pure' | 'reads' | 'writes';

const EFFECTS: { [T in ActionType]: (action: ActionOf<T>) => ActionEffect } = {
  // GET is the only method HTTP defines as safe; everything else may create or change something.
  http_request: (action) => (action.settings.method === 'GET' ? 'reads' : 'writes'),
  json_parser: () => 'pure',
  json_composer: () => 'pure',
  filter: () => 'pure',
  send_email: () => 'writes',
};

export function effectOf(action: Action): ActionEffect {
  return (EFFECTS[action.type] as (a: Action) => ActionEffect)(action);
}
