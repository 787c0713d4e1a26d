import type { RawRequest } from '@provod/contracts';

/**
 * Everything a template can reference while a step runs: `source` (the extracted webhook parameters),
 * `event` (the raw request: query, body, headers, method), `secrets`, and each earlier step's output
 * under its key.
 */
export type Scope = Record<string, unknown> & {
  source: Record<string, unknown>;
  event: Pick<RawRequest, 'method' | 'query' | 'headers' | 'body'>;
  secrets: Record<string, string>;
};
