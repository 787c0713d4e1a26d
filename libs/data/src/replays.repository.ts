import type { DataSource } from 'typeorm';

export type ReplayFrom = 'failed' | 'start';
export type ReplayVersion = 'original' | 'current';

// A filtered event may be run again once its filter changed.
const FINAL_REPLAYABLE = `('failed', 'succeeded', 'filtered')`;

/**
 * Replays and held events: new attempts linked to the operation they repeat, and held events put
 * through (or set aside) when the user says so. Ids come back so the caller can enqueue them.
 */
export class ReplaysRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * A replay is a new operation with the original request. From the failed step, it carries the
   * steps that succeeded before, so those are not called again; a filter that stopped the event runs
   * again, so a changed filter decides anew.
   */
  async replayOne(workspaceId: string, operationId: string, from: ReplayFrom, version: ReplayVersion): Promise<string | null> {
    const rows = (await this.db.query(
      `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, params, steps, replay_of)
       SELECT o.workspace_id, o.processing_id,
              CASE WHEN $3 = 'current' THEN p.version ELSE o.processing_version END,
              'queued', o.request, o.params,
              CASE WHEN $4 = 'failed' THEN COALESCE(
                (SELECT jsonb_agg(s ORDER BY n) FROM jsonb_array_elements(o.steps) WITH ORDINALITY AS e(s, n)
                 WHERE s->>'status' = 'succeeded' AND NOT s ? 'halted'), '[]'::jsonb)
              ELSE '[]'::jsonb END,
              o.id
       FROM operation o JOIN processing p ON p.id = o.processing_id
       WHERE o.workspace_id = $1 AND o.id = $2 AND o.status IN ${FINAL_REPLAYABLE}
       RETURNING id`,
      [workspaceId, operationId, version, from],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }

  /** Every failed operation in the range that has not been replayed yet. */
  async replayFailed(
    workspaceId: string,
    processingId: string,
    from: ReplayFrom,
    version: ReplayVersion,
    range: { from?: string; to?: string },
  ): Promise<string[]> {
    const candidates = (await this.db.query(
      `SELECT o.id FROM operation o
       WHERE o.workspace_id = $1 AND o.processing_id = $2 AND o.status = 'failed'
         AND ($3::timestamptz IS NULL OR o.received_at >= $3) AND ($4::timestamptz IS NULL OR o.received_at < $4)
         AND NOT EXISTS (SELECT 1 FROM operation r WHERE r.replay_of = o.id)
       ORDER BY o.received_at LIMIT 10000`,
      [workspaceId, processingId, range.from ?? null, range.to ?? null],
    )) as { id: string }[];
    const ids: string[] = [];
    for (const c of candidates) {
      const id = await this.replayOne(workspaceId, c.id, from, version);
      if (id) ids.push(id);
    }
    return ids;
  }

  async heldCount(workspaceId: string, processingId: string): Promise<number> {
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS n FROM operation WHERE workspace_id = $1 AND processing_id = $2 AND status = 'held'`,
      [workspaceId, processingId],
    )) as { n: number }[];
    return row?.n ?? 0;
  }

  /** Held events run with the processing as it is now: the user started it, knowing its settings. */
  async releaseHeld(workspaceId: string, processingId: string): Promise<string[]> {
    const [rows] = (await this.db.query(
      `UPDATE operation o SET status = 'queued', processing_version = p.version
       FROM processing p
       WHERE p.id = o.processing_id AND o.workspace_id = $1 AND o.processing_id = $2 AND o.status = 'held'
       RETURNING o.id`,
      [workspaceId, processingId],
    )) as [{ id: string }[], number];
    return rows.map((r) => r.id);
  }

  async discardHeld(workspaceId: string, processingId: string): Promise<number> {
    const [, count] = (await this.db.query(
      `UPDATE operation SET status = 'discarded', finished_at = now()
       WHERE workspace_id = $1 AND processing_id = $2 AND status = 'held'`,
      [workspaceId, processingId],
    )) as [unknown, number];
    return count;
  }
}

