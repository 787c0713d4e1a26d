import type { OperationDetail } from '../operation';

/** Replay from the failed step (the steps that succeeded keep their results) or from the first. */
export type ReplayFrom = 'failed' | 'start';
/** Replay with the definition the operation ran with, or with the processing as it is now. */
export type ReplayVersion = 'original' | 'current';

/** POST /api/operations/:id/replay answers with the new operation, as GET /api/operations/:id would. */
export type ReplayedOperation = OperationDetail;
