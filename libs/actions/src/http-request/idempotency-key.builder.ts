import { createHash } from 'node:crypto';

/**
 * The same for every try of one step of one operation, and different for any other step or operation,
 * so a receiver that deduplicates by it sees a retried request as the one it already handled. Hashed
 * so it reveals nothing and fits the length limits receivers put on such keys.
 */
export function idempotencyKeyFor(operationId: string, actionId: string): string {
  return createHash('sha256').update(`provod:${operationId}:${actionId}`).digest('hex').slice(0, 32);
}
