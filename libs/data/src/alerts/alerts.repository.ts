import type { DataSource } from 'typeorm';

export type AlertKind = 'failure' | 'digest' | 'recovered';

/** An alert row to put on the queue, `delayMs` from now (a digest waits for its window to end). */
export interface QueuedAlert {
  alertId: string;
  delayMs: number;
}

export type AlertClaim =
  | { claimed: true }
  /** A digest whose window has not ended yet. */
  | { claimed: false; reason: 'window_open'; waitMs: number }
  /** Another attempt holds a live claim: it may still succeed, or its claim lapses. */
  | { claimed: false; reason: 'busy' }
  /** Sent, skipped, or gone with its processing. */
  | { claimed: false; reason: 'done' };

/** What the sender needs to write one alert, read in one query once the alert is claimed. */
export interface AlertContext {
  id: string;
  kind: AlertKind;
  workspaceId: string;
  processingId: string;
  processingName: string;
  alertRecipients: string[];
  failureCount: number;
  windowStartedAt: Date | null;
  windowEnd: Date | null;
  /** The processing's state now: a digest says whether it still fails. */
  failingNow: boolean;
  operation: {
    id: string;
    receivedAt: Date;
    params: Record<string, unknown>;
    error: { step?: string; code?: string; message?: string } | null;
  } | null;
  /** For `recovered`: the operation that succeeded. */
  lastOperationId: string | null;
}

interface StateRow {
  window_open: boolean;
  window_started_at: Date | null;
  window_end: Date | null;
  window_left_ms: number;
  window_first_operation_id: string | null;
  digest_alert_id: string | null;
}

/**
 * Alert rows and the per-processing throttling state. Each decision is taken under the lock of the
 * processing's `alert_state` row, so two worker processes can neither open two windows at once nor
 * mail one alert twice (an alert is claimed by a single UPDATE before it is sent).
 */
export class AlertsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records one failed operation and says which alerts to queue:
   * - no window open: a `failure` alert now, and a window of `windowMs` opens;
   * - window open: the failure is counted in the window's digest, created with the second failure
   *   and queued for the window's end. Its count includes the first failure, mailed at once.
   */
  async recordFailure(op: { workspaceId: string; processingId: string; operationId: string }, windowMs: number): Promise<QueuedAlert[]> {
    return this.db.transaction(async (tx) => {
      // The upsert takes the state row's lock for the rest of the transaction.
      const [state] = (await tx.query(
        `INSERT INTO alert_state AS s (processing_id, workspace_id, failing, streak_started_at, streak_failures)
         VALUES ($1, $2, true, now(), 1)
         ON CONFLICT (processing_id) DO UPDATE SET
           failing = true,
           streak_started_at = CASE WHEN s.failing THEN s.streak_started_at ELSE now() END,
           streak_failures = CASE WHEN s.failing THEN s.streak_failures + 1 ELSE 1 END,
           updated_at = now()
         RETURNING COALESCE(window_end > now(), false) AS window_open, window_started_at, window_end,
           COALESCE(GREATEST(0, EXTRACT(EPOCH FROM window_end - now()) * 1000), 0)::float8 AS window_left_ms,
           window_first_operation_id, digest_alert_id`,
        [op.processingId, op.workspaceId],
      )) as StateRow[];
      if (state?.window_open) {
        if (state.digest_alert_id) {
          // A digest already claimed for sending has closed the window, whatever the clock says.
          const [counted] = (await tx.query(
            `UPDATE alert SET failure_count = failure_count + 1, last_operation_id = $2
             WHERE id = $1 AND status = 'pending' RETURNING id`,
            [state.digest_alert_id, op.operationId],
          )) as [unknown[], number];
          if (counted.length) return [];
        } else {
          const [digest] = (await tx.query(
            `INSERT INTO alert (workspace_id, processing_id, kind, first_operation_id, last_operation_id, failure_count,
               window_started_at, window_end)
             VALUES ($1, $2, 'digest', $3, $4, 2, $5, $6) RETURNING id`,
            [op.workspaceId, op.processingId, state.window_first_operation_id, op.operationId, state.window_started_at, state.window_end],
          )) as { id: string }[];
          const digestId = (digest as { id: string }).id;
          await tx.query(`UPDATE alert_state SET digest_alert_id = $2 WHERE processing_id = $1`, [op.processingId, digestId]);
          return [{ alertId: digestId, delayMs: state.window_left_ms }];
        }
      }
      const [alert] = (await tx.query(
        `INSERT INTO alert (workspace_id, processing_id, kind, first_operation_id, last_operation_id, failure_count)
         VALUES ($1, $2, 'failure', $3, $3, 1) RETURNING id`,
        [op.workspaceId, op.processingId, op.operationId],
      )) as { id: string }[];
      await tx.query(
        `UPDATE alert_state SET window_started_at = now(), window_end = now() + make_interval(secs => $2::float8 / 1000),
           window_first_operation_id = $3, digest_alert_id = NULL, recovered_in_window = false
         WHERE processing_id = $1`,
        [op.processingId, windowMs, op.operationId],
      );
      return [{ alertId: (alert as { id: string }).id, delayMs: 0 }];
    });
  }

  /**
   * Ends a failing streak, in one statement. The `recovered` alert goes out once per streak, and at
   * most once per window: a processing that flaps between failing and working is told about in the
   * digest instead of in a mail per change.
   */
  async recordSuccess(processingId: string, operationId: string): Promise<QueuedAlert[]> {
    const rows = (await this.db.query(
      `WITH old AS (
         SELECT processing_id, workspace_id, streak_failures, streak_started_at, recovered_in_window,
           COALESCE(window_end > now(), false) AS window_open
         FROM alert_state WHERE processing_id = $1 AND failing
         FOR UPDATE
       ), cleared AS (
         UPDATE alert_state s SET failing = false, recovered_in_window = old.window_open, updated_at = now()
         FROM old WHERE s.processing_id = old.processing_id
         RETURNING s.processing_id
       )
       INSERT INTO alert (workspace_id, processing_id, kind, last_operation_id, failure_count, window_started_at)
       SELECT old.workspace_id, old.processing_id, 'recovered', $2, old.streak_failures, old.streak_started_at
       FROM old JOIN cleared USING (processing_id)
       WHERE NOT (old.window_open AND old.recovered_in_window)
       RETURNING id`,
      [processingId, operationId],
    )) as { id: string }[];
    return rows.map((r) => ({ alertId: r.id, delayMs: 0 }));
  }

  /** Processings in a failing streak: what the worker's quick check must know about. */
  async failingProcessingIds(): Promise<string[]> {
    const rows = (await this.db.query(`SELECT processing_id FROM alert_state WHERE failing`)) as { processing_id: string }[];
    return rows.map((r) => r.processing_id);
  }

  /** The operation the queue gave up on, if it did end up failed. */
  async failedOperation(operationId: string): Promise<{ workspaceId: string; processingId: string; params: Record<string, unknown> } | null> {
    const [row] = (await this.db.query(
      `SELECT workspace_id, processing_id, params FROM operation WHERE id = $1 AND status = 'failed'`,
      [operationId],
    )) as { workspace_id: string; processing_id: string; params: Record<string, unknown> }[];
    return row ? { workspaceId: row.workspace_id, processingId: row.processing_id, params: row.params } : null;
  }

  /**
   * Takes an alert for sending. A claim lapses after `claimMs`, so an alert whose sender died is sent
   * by the next try; a digest is not taken before its window ends.
   */
  async claim(alertId: string, claimMs: number): Promise<AlertClaim> {
    const [row] = (await this.db.query(
      `WITH target AS (
         SELECT status, COALESCE(EXTRACT(EPOCH FROM window_end - now()) * 1000, 0)::float8 AS wait_ms,
           COALESCE(claimed_until >= now(), false) AS claim_live
         FROM alert WHERE id = $1
       ), claimed AS (
         UPDATE alert a SET status = 'sending', attempts = a.attempts + 1,
           claimed_until = now() + make_interval(secs => $2::float8 / 1000)
         WHERE a.id = $1
           AND (a.status = 'pending' OR (a.status = 'sending' AND a.claimed_until < now()))
           AND (a.window_end IS NULL OR a.window_end <= now())
         RETURNING a.id
       )
       SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, t.status, t.wait_ms, t.claim_live FROM target t`,
      [alertId, claimMs],
    )) as { claimed: boolean; status: string; wait_ms: number; claim_live: boolean }[];
    // `target` is the row as it was before this statement: it explains why the claim did not happen.
    if (row?.claimed) return { claimed: true };
    if (row?.status === 'pending' && row.wait_ms > 0) return { claimed: false, reason: 'window_open', waitMs: row.wait_ms };
    if (row?.status === 'sending' && row.claim_live) return { claimed: false, reason: 'busy' };
    return { claimed: false, reason: 'done' };
  }

  async context(alertId: string): Promise<AlertContext | null> {
    const [row] = (await this.db.query(
      `SELECT a.id, a.kind, a.workspace_id, a.processing_id, a.failure_count, a.window_started_at, a.window_end,
         a.last_operation_id, p.name AS processing_name, p.alert_recipients, COALESCE(s.failing, false) AS failing_now,
         o.id AS operation_id, o.received_at, o.params, o.error
       FROM alert a
       JOIN processing p ON p.id = a.processing_id
       LEFT JOIN alert_state s ON s.processing_id = a.processing_id
       LEFT JOIN operation o ON o.id = CASE WHEN a.kind = 'failure' THEN a.first_operation_id ELSE a.last_operation_id END
       WHERE a.id = $1`,
      [alertId],
    )) as Array<{
      id: string;
      kind: AlertKind;
      workspace_id: string;
      processing_id: string;
      failure_count: number;
      window_started_at: Date | null;
      window_end: Date | null;
      last_operation_id: string | null;
      processing_name: string;
      alert_recipients: string[];
      failing_now: boolean;
      operation_id: string | null;
      received_at: Date | null;
      params: Record<string, unknown> | null;
      error: { step?: string; code?: string; message?: string } | null;
    }>;
    if (!row) return null;
    return {
      id: row.id,
      kind: row.kind,
      workspaceId: row.workspace_id,
      processingId: row.processing_id,
      processingName: row.processing_name,
      alertRecipients: row.alert_recipients,
      failureCount: row.failure_count,
      windowStartedAt: row.window_started_at,
      windowEnd: row.window_end,
      failingNow: row.failing_now,
      lastOperationId: row.last_operation_id,
      operation:
        row.operation_id && row.received_at
          ? { id: row.operation_id, receivedAt: row.received_at, params: row.params ?? {}, error: row.error }
          : null,
    };
  }

  /** The workspace's owners, who get alerts of processings that name no recipients. */
  async ownerEmails(workspaceId: string): Promise<string[]> {
    const rows = (await this.db.query(
      `SELECT u.email FROM workspace_member m JOIN app_user u ON u.id = m.user_id
       WHERE m.workspace_id = $1 AND m.role = 'owner' ORDER BY m.created_at`,
      [workspaceId],
    )) as { email: string }[];
    return rows.map((r) => r.email);
  }

  async markSent(alertId: string): Promise<void> {
    await this.db.query(
      `UPDATE alert SET status = 'sent', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = $1 AND status = 'sending'`,
      [alertId],
    );
  }

  /** The send failed: the alert waits for the queue's next try, with the reason kept for support. */
  async release(alertId: string, error: string): Promise<void> {
    await this.db.query(`UPDATE alert SET status = 'pending', claimed_until = NULL, last_error = $2 WHERE id = $1 AND status = 'sending'`, [
      alertId,
      error,
    ]);
  }

  async markSkipped(alertId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE alert SET status = 'skipped', claimed_until = NULL, last_error = $2 WHERE id = $1`, [alertId, reason]);
  }

  /**
   * Unsent alerts whose job may be lost (Redis restarted without persistence, the queue gave up
   * after its last attempt) or whose sender died mid-send; `delayMs` keeps a digest's window.
   */
  async findUnsent(olderThanMs: number, limit: number): Promise<QueuedAlert[]> {
    const rows = (await this.db.query(
      `SELECT id, COALESCE(GREATEST(0, EXTRACT(EPOCH FROM window_end - now()) * 1000), 0)::float8 AS delay_ms FROM alert
       WHERE (status = 'pending' AND created_at < now() - make_interval(secs => $1::float8 / 1000))
          OR (status = 'sending' AND claimed_until < now())
       ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    )) as { id: string; delay_ms: number }[];
    return rows.map((r) => ({ alertId: r.id, delayMs: r.delay_ms }));
  }

  /** Alert recipients are not part of the definition: changing them makes no new version. */
  async setRecipients(workspaceId: string, processingId: string, recipients: readonly string[]): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE processing SET alert_recipients = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, processingId, recipients],
    )) as [unknown, number];
    return count > 0;
  }
}
