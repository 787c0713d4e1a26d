import type { OperationSummary } from '@provod/contracts';

/** An operation received at 10:<minute> on 2025-03-14, as the history list returns it. */
export const op = (id: string, status: OperationSummary['status'], minute: number, extra: Partial<OperationSummary> = {}): OperationSummary => ({
  id,
  processingId: 'p1',
  processingVersion: 3,
  status,
  receivedAt: `2025-03-14T10:${String(minute).padStart(2, '0')}:00.000Z`,
  startedAt: `2025-03-14T10:${String(minute).padStart(2, '0')}:00.100Z`,
  finishedAt: `2025-03-14T10:${String(minute).padStart(2, '0')}:01.300Z`,
  params: { r_id: String(60 + minute) },
  error: null,
  attempts: 1,
  replayOf: null,
  duplicateOf: null,
  ...extra,
});
