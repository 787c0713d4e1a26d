import type { GivenUpOperation } from '@provod/contracts';
import type { DataSource } from 'typeorm';

export type { GivenUpOperation } from '@provod/contracts';

export interface MailStatus {
  lastSentAt: string | null;
  lastError: { at: string; message: string } | null;
  pending: number;
}

/** What the owner's system page reads from PostgreSQL. */
export class SystemRepository {
  constructor(private readonly db: DataSource) {}

  async databaseSizeBytes(): Promise<number> {
    const [row] = (await this.db.query(`SELECT pg_database_size(current_database())::float8 AS size`)) as { size: number }[];
    return row?.size ?? 0;
  }

  /**
   * Operations the queue gave up on after every attempt (system errors: the database, Redis or a
   * crash), as opposed to a step that failed for a reason the user can fix.
   */
  async givenUp(workspaceId: string, limit = 50): Promise<GivenUpOperation[]> {
    const rows = (await this.db.query(
      `SELECT o.id, o.processing_id, p.name AS processing_name, o.received_at, o.finished_at, o.attempts, o.error->>'message' AS reason
       FROM operation o JOIN processing p ON p.id = o.processing_id
       WHERE o.workspace_id = $1 AND o.status = 'failed' AND o.error->>'code' = 'system_error'
       ORDER BY o.finished_at DESC NULLS LAST LIMIT $2`,
      [workspaceId, limit],
    )) as Array<{ id: string; processing_id: string; processing_name: string; received_at: Date; finished_at: Date | null; attempts: number; reason: string | null }>;
    return rows.map((r) => ({
      id: r.id,
      processingId: r.processing_id,
      processingName: r.processing_name,
      receivedAt: r.received_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      attempts: r.attempts,
      reason: r.reason ?? '',
    }));
  }

  /**
   * Puts an operation the queue gave up on back to `queued`. Its recorded steps stay, so steps that
   * succeeded before are not run again. False when it is not such an operation of this workspace.
   */
  async requeueGivenUp(workspaceId: string, id: string): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE operation SET status = 'queued', error = NULL, finished_at = NULL, lease_until = NULL
       WHERE id = $1 AND workspace_id = $2 AND status = 'failed' AND error->>'code' = 'system_error'`,
      [id, workspaceId],
    )) as [unknown, number];
    return count > 0;
  }

  /** Alert rows by state, for the metrics: pending (incl. sending), sent, and given up (skipped). */
  async alertCounts(): Promise<Record<'pending' | 'sent' | 'failed', number>> {
    const rows = (await this.db.query(
      `SELECT CASE WHEN status IN ('pending', 'sending') THEN 'pending' WHEN status = 'sent' THEN 'sent' ELSE 'failed' END AS state,
              count(*)::int AS n
       FROM alert GROUP BY 1`,
    )) as { state: 'pending' | 'sent' | 'failed'; n: number }[];
    const counts = { pending: 0, sent: 0, failed: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  async mailStatus(workspaceId: string): Promise<MailStatus> {
    const [row] = (await this.db.query(
      `SELECT
         (SELECT max(sent_at) FROM alert WHERE workspace_id = $1 AND status = 'sent') AS last_sent_at,
         (SELECT count(*)::int FROM alert WHERE workspace_id = $1 AND status IN ('pending', 'sending')) AS pending,
         (SELECT jsonb_build_object('at', created_at, 'message', last_error) FROM alert
           WHERE workspace_id = $1 AND last_error IS NOT NULL ORDER BY created_at DESC LIMIT 1) AS last_error`,
      [workspaceId],
    )) as Array<{ last_sent_at: Date | null; pending: number; last_error: { at: string; message: string } | null }>;
    return {
      lastSentAt: row?.last_sent_at?.toISOString() ?? null,
      lastError: row?.last_error ?? null,
      pending: row?.pending ?? 0,
    };
  }
}
