import { AsyncLocalStorage } from 'node:async_hooks';
import type { HeldSlot } from './capacity-gate';

/**
 * Which operation the code running now belongs to. The HTTP port learns it from here, so the engine
 * and the runner need not carry it just for the host limit.
 */
export interface OperationContext {
  operationId: string;
  /** Known when the processing's limit applies: the first host of its runs is remembered by it. */
  processingId?: string;
  /** Set by the operation's first request: only that one teaches FirstHostCache. */
  requested?: boolean;
  /**
   * The slot of the destination host this operation called last. It is kept until the operation calls
   * another host (given up in the same round trip as the new one is taken) or ends (given back with
   * the processing's slot): a flow that calls one host twice takes its slot once.
   */
  hostSlot?: HeldSlot;
}

export const operationContext = new AsyncLocalStorage<OperationContext>();
