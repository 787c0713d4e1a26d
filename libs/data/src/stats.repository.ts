import { OPERATION_STATUSES, type ChartBucket, type ProcessingStats } from '@provod/contracts';
import type { DataSource } from 'typeorm';

export type { ChartBucket, ProcessingStats } from '@provod/contracts';

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
      // Each bucket and status counted from the index on (processing, status, time) alone (an
      // index-only count of one range each), so the cost follows the events in the chart's range, never
      // the length of the history, and no row is visited. Empty buckets come out as zeros.
      `WITH since AS (SELECT date_bin($3::interval, now() - $4::interval, 'epoch') AS t),
       owned AS (SELECT id FROM processing WHERE id = $2 AND workspace_id = $1),
       counts AS (
         SELECT b.start, s.status,
           (SELECT count(*) FROM operation o
            WHERE o.processing_id = (SELECT id FROM owned) AND o.status = s.status
              AND o.received_at >= b.start AND o.received_at < b.start + $3::interval)::int AS n
         FROM since, generate_series(since.t, now(), $3::interval) AS b(start), unnest($5::text[]) AS s(status)
       )
       SELECT start,
         COALESCE(sum(n) FILTER (WHERE status = 'succeeded'), 0)::int AS succeeded,
         COALESCE(sum(n) FILTER (WHERE status = 'failed'), 0)::int AS failed,
         COALESCE(sum(n) FILTER (WHERE status = 'filtered'), 0)::int AS filtered,
         COALESCE(sum(n) FILTER (WHERE status NOT IN ('succeeded', 'failed', 'filtered')), 0)::int AS other
       FROM counts GROUP BY start ORDER BY start`,
      [workspaceId, processingId, step, span, [...OPERATION_STATUSES]],
    )) as { start: Date; succeeded: number; failed: number; filtered: number; other: number }[];
    return rows.map((r) => ({ start: r.start.toISOString(), succeeded: r.succeeded, failed: r.failed, filtered: r.filtered, other: r.other }));
  }
}
