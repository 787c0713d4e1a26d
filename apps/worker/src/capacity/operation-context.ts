import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which operation the code running now belongs to. The HTTP port learns it from here, so the engine
 * and the runner need not carry it just for the host limit.
 */
export const operationContext = new AsyncLocalStorage<{ operationId: string }>();
