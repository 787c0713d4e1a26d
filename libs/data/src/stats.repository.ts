import { OPERATION_STATUSES } from '@provod/contracts';
import type { DataSource } from 'typeorm';

export interface ProcessingStats {
  processingId: string;
  lastEventAt: string | null;
  succeeded24h: number;
  failed24h: number;
  held: number;
}

export interface ChartBucket {
  start: string;
  succeeded: number;
  failed: number;
  /** Stopped by a filter step: not a failure, shown apart from the rest. */
  filtered: number;
  other: number;
}

/** Figures for the processings list and the per-processing chart. */
export class StatsRepository {
  constructor(private readonly db: DataSource) {}

  async perProcessing(workspaceId: string): Promise<ProcessingStats[]> {
    const rows = (await this.db.query(
      `SELECT p.id,
         (SELECT max(received_at) FROM operation o WHERE o.processing_id = p.id) AS last_event_at,
         (SELECT count(*) FROM operation o WHERE o.processing_id = p.id AND o.status = 'succeeded' AND o.received_at > now() - interval '24 hours')::int AS succeeded,
         (SELECT count(*) FROM operation o WHERE o.processing_id = p.id AND o.status = 'failed' AND o.received_at > now() - interval '24 hours')::int AS failed,
         (SELECT count(*) FROM operation o WHERE o.processing_id = p.id AND o.status = 'held')::int AS held
       FROM processing p WHERE p.workspace_id = $1`,
      [workspaceId],
    )) as { id: string; last_event_at: Date | null; succeeded: number; failed: number; held: number }[];
    return rows.map((r) => ({
      processingId: r.id,
      lastEventAt: r.last_event_at?.toISOString() ?? null,
      succeeded24h: r.succeeded,
      failed24h: r.failed,
      held: r.held,
    }));
  }

  /** Operations by status per hour (24 h) or per 6 hours (7 days), empty buckets included. */
  async chart(workspaceId: string, processingId: string, range: '24h' | '7d'): Promise<ChartBucket[]> {
    const [span, step] = range === '24h' ? ['24 hours', '1 hour'] : ['7 days', '6 hours'];
    const rows = (await this.db.query(
      // One pass over the range, read from the index on (processing, status, time) alone: naming every
      // status lets PostgreSQL walk that index per status without visiting the rows (an index-only
      // scan), which keeps the chart fast however long the history. Then empty buckets are filled in.
      `WITH since AS (SELECT date_bin($3::interval, now() - $4::interval, 'epoch') AS t),
       owned AS (SELECT id FROM processing WHERE id = $2 AND workspace_id = $1),
       counts AS (
         SELECT date_bin($3::interval, o.received_at, 'epoch') AS start,
           count(*) FILTER (WHERE o.status = 'succeeded')::int AS succeeded,
           count(*) FILTER (WHERE o.status = 'failed')::int AS failed,
           count(*) FILTER (WHERE o.status = 'filtered')::int AS filtered,
           count(*) FILTER (WHERE o.status NOT IN ('succeeded', 'failed', 'filtered'))::int AS other
         FROM operation o, since
         WHERE o.processing_id = (SELECT id FROM owned) AND o.status = ANY($5::text[]) AND o.received_at >= since.t
         GROUP BY 1
       )
       SELECT b.start, COALESCE(c.succeeded, 0) AS succeeded, COALESCE(c.failed, 0) AS failed, COALESCE(c.filtered, 0) AS filtered, COALESCE(c.other, 0) AS other
       FROM since, generate_series(since.t, now(), $3::interval) AS b(start)
       LEFT JOIN counts c ON c.start = b.start
       ORDER BY b.start`,
      [workspaceId, processingId, step, span, [...OPERATION_STATUSES]],
    )) as { start: Date; succeeded: number; failed: number; filtered: number; other: number }[];
    return rows.map((r) => ({ start: r.start.toISOString(), succeeded: r.succeeded, failed: r.failed, filtered: r.filtered, other: r.other }));
  }
}
