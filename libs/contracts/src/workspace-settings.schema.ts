import { z } from 'zod';

/** Days are whole days; ten years is the most anyone keeps an integration's history. */
const days = z.number().int().min(1).max(3650);

/**
 * How long a workspace keeps its operation history. Finished operations older than
 * `historyRetentionDays` are deleted; failed ones may be kept longer (`failedRetentionDays`, null:
 * the same age). Held, queued, running and retrying operations are never pruned.
 */
export const workspaceSettingsSchema = z
  .object({
    historyRetentionDays: days,
    failedRetentionDays: days.nullable(),
  })
  .strict()
  .refine((s) => s.failedRetentionDays === null || s.failedRetentionDays >= s.historyRetentionDays, {
    path: ['failedRetentionDays'],
    message: 'failed operations are kept at least as long as the others',
  });
export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

export const DEFAULT_HISTORY_RETENTION_DAYS = 30;
