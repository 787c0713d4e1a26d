import { DEFAULT_HISTORY_RETENTION_DAYS, type WorkspaceLocale, type WorkspaceSettings } from '@provod/contracts';
import type { DataSource } from 'typeorm';

/** One processing's history and how long its workspace keeps it. */
export interface RetentionTarget {
  processingId: string;
  historyRetentionDays: number;
  /** Null: failed operations go at the same age as the others. */
  failedRetentionDays: number | null;
}

/** Finished operations that are only history. Held, queued, running and retrying ones are never pruned. */
export const PRUNED_STATUSES = ['succeeded', 'filtered', 'failed', 'discarded', 'duplicate'] as const;
export type PrunedStatus = (typeof PRUNED_STATUSES)[number];

/** Where the previous batch stopped: the next one starts below it, so deleted index entries are not walked again. */
export interface PruneCursor {
  /** As PostgreSQL writes it: microseconds, which a JavaScript Date would round away. */
  receivedAt: string;
  id: string;
}

/** Retention settings per workspace, and the small batched deletes that apply them. */
export class RetentionRepository {
  constructor(private readonly db: DataSource) {}

  async settings(workspaceId: string): Promise<WorkspaceSettings | null> {
    const [row] = (await this.db.query(`SELECT history_retention_days, failed_retention_days FROM workspace WHERE id = $1`, [
      workspaceId,
    ])) as { history_retention_days: number; failed_retention_days: number | null }[];
    return row ? { historyRetentionDays: row.history_retention_days, failedRetentionDays: row.failed_retention_days } : null;
  }

  async saveSettings(workspaceId: string, settings: WorkspaceSettings): Promise<WorkspaceSettings | null> {
    const [rows] = (await this.db.query(
      `UPDATE workspace SET history_retention_days = $2, failed_retention_days = $3 WHERE id = $1
       RETURNING history_retention_days, failed_retention_days`,
      [workspaceId, settings.historyRetentionDays, settings.failedRetentionDays],
    )) as [{ history_retention_days: number; failed_retention_days: number | null }[], number];
    const row = rows[0];
    return row ? { historyRetentionDays: row.history_retention_days, failedRetentionDays: row.failed_retention_days } : null;
  }

  async locale(workspaceId: string): Promise<WorkspaceLocale | null> {
    const [row] = (await this.db.query(`SELECT language, time_zone FROM workspace WHERE id = $1`, [workspaceId])) as {
      language: WorkspaceLocale['language'];
      time_zone: string;
    }[];
    return row ? { language: row.language, timeZone: row.time_zone } : null;
  }

  async saveLocale(workspaceId: string, locale: WorkspaceLocale): Promise<WorkspaceLocale | null> {
    const [rows] = (await this.db.query(`UPDATE workspace SET language = $2, time_zone = $3 WHERE id = $1 RETURNING language, time_zone`, [
      workspaceId,
      locale.language,
      locale.timeZone,
    ])) as [{ language: WorkspaceLocale['language']; time_zone: string }[], number];
    const row = rows[0];
    return row ? { language: row.language, timeZone: row.time_zone } : null;
  }

  async targets(): Promise<RetentionTarget[]> {
    const rows = (await this.db.query(
      `SELECT p.id, COALESCE(w.history_retention_days, $1) AS history_retention_days, w.failed_retention_days
       FROM processing p JOIN workspace w ON w.id = p.workspace_id ORDER BY p.id`,
      [DEFAULT_HISTORY_RETENTION_DAYS],
    )) as { id: string; history_retention_days: number; failed_retention_days: number | null }[];
    return rows.map((r) => ({ processingId: r.id, historyRetentionDays: r.history_retention_days, failedRetentionDays: r.failed_retention_days }));
  }

  /**
   * Deletes up to `limit` operations of one processing and status received more than `olderThanDays`
   * ago, newest first below `after`: one short statement that walks the (processing, status,
   * received_at) index and locks only the rows it deletes (rows another statement holds are skipped
   * until the next pass). Returns how many went and where to continue; a count below `limit` means done.
   */
  async pruneBatch(
    processingId: string,
    status: PrunedStatus,
    olderThanDays: number,
    limit: number,
    after: PruneCursor | null,
  ): Promise<{ deleted: number; next: PruneCursor | null }> {
    const [row] = (await this.db.query(
      `WITH gone AS (
         DELETE FROM operation WHERE id IN (
           SELECT id FROM operation
           WHERE processing_id = $1 AND status = $2 AND received_at < now() - make_interval(days => $3)
             AND ($5::timestamptz IS NULL OR (received_at, id) < ($5::timestamptz, $6::uuid))
           ORDER BY received_at DESC, id DESC
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         RETURNING received_at, id
       ), last AS (SELECT received_at, id FROM gone ORDER BY received_at, id LIMIT 1)
       SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT received_at::text FROM last) AS received_at, (SELECT id FROM last) AS id`,
      [processingId, status, olderThanDays, limit, after?.receivedAt ?? null, after?.id ?? null],
    )) as { deleted: number; received_at: string | null; id: string | null }[];
    const deleted = row?.deleted ?? 0;
    return { deleted, next: row?.received_at && row.id ? { receivedAt: row.received_at, id: row.id } : null };
  }

  /**
   * Makes the space of deleted rows reusable now rather than when autovacuum gets to it. Plain
   * VACUUM: it neither locks out readers and writers nor rewrites the table (FULL would do both).
   */
  async vacuumHistory(): Promise<void> {
    await this.db.query(`VACUUM (ANALYZE) operation`);
  }
}
