import type { DataSource, EntityManager } from 'typeorm';

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
  /** An older failure or recovery mail of the same processing is not out yet: mails go in the order of what happened. */
  | { claimed: false; reason: 'behind_earlier'; waitMs: number }
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
    error: { step?: string; code?: string; message?: string; details?: unknown } | null;
  } | null;
  /** For `recovered`: the operation that succeeded. */
  lastOperationId: string | null;
  /** The workspace's language and time zone, which the message is written in. */
  language: 'ru' | 'en';
  timeZone: string;
}

interface StateRow {
  failing: boolean;
  window_open: boolean;
  window_started_at: Date | null;
  window_end: Date | null;
  window_left_ms: number;
  window_first_operation_id: string | null;
  digest_alert_id: string | null;
  recovered_in_window: boolean;
  streak_failures: number;
  streak_started_at: Date | null;
  last_failure_finished_at: Date | null;
}

/** How long an alert waits before asking again whether the mail before it is out. */
const BEHIND_EARLIER_WAIT_MS = 500;

/**
 * Alert rows and the per-processing throttling state. Every transition of one processing runs in a
 * transaction holding its `alert_state` row lock, so transitions are serialised across worker
 * processes; each is judged by the operation's finish time, so a result that reaches the worker
 * late cannot undo a newer one. An alert is claimed by a single UPDATE before it is sent, and
 * failure and recovery mails of one processing are claimed in the order they were recorded.
 */
export class AlertsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Records one failed operation and says which alerts to queue:
   * - no window open: a `failure` alert now, and a window of `windowMs` opens;
   * - window open: the failure is counted in the window's digest, created with the second failure
   *   and queued for the window's end. Its count includes the first failure, mailed at once.
   * A failure that finished before some success of the processing is still told about (it did
   * happen), but it does not make the processing "failing": the success that came after stands.
   * Returns `failing`: whether the processing is failing after this failure.
   */
  async recordFailure(
    op: { workspaceId: string; processingId: string; operationId: string },
    windowMs: number,
  ): Promise<{ alerts: QueuedAlert[]; failing: boolean }> {
    return this.db.transaction(async (tx) => {
      const state = await this.lockState(tx, op.processingId, op.workspaceId);
      const [finish] = (await tx.query(
        `SELECT COALESCE(o.finished_at, now()) AS finished_at,
           EXISTS (SELECT 1 FROM operation s WHERE s.processing_id = $1 AND s.status = 'succeeded'
                   AND s.finished_at > COALESCE(o.finished_at, now())) AS superseded
         FROM (SELECT $2::uuid AS id) ask LEFT JOIN operation o ON o.id = ask.id`,
        [op.processingId, op.operationId],
      )) as { finished_at: Date; superseded: boolean }[];
      const superseded = finish?.superseded ?? false;
      if (!superseded) {
        await tx.query(
          `UPDATE alert_state SET
             failing = true,
             streak_started_at = CASE WHEN failing THEN streak_started_at ELSE clock_timestamp() END,
             streak_failures = CASE WHEN failing THEN streak_failures + 1 ELSE 1 END,
             last_failure_finished_at = GREATEST(last_failure_finished_at, $2),
             updated_at = clock_timestamp()
           WHERE processing_id = $1`,
          [op.processingId, finish?.finished_at ?? new Date()],
        );
      }
      const failing = superseded ? state.failing : true;
      if (state.window_open) {
        if (state.digest_alert_id) {
          // A digest already claimed for sending has closed the window, whatever the clock says.
          const [counted] = (await tx.query(
            `UPDATE alert SET failure_count = failure_count + 1, last_operation_id = $2
             WHERE id = $1 AND status = 'pending' RETURNING id`,
            [state.digest_alert_id, op.operationId],
          )) as [unknown[], number];
          if (counted.length) return { alerts: [], failing };
        } else {
          const [digest] = (await tx.query(
            `INSERT INTO alert (workspace_id, processing_id, kind, first_operation_id, last_operation_id, failure_count,
               window_started_at, window_end, created_at)
             VALUES ($1, $2, 'digest', $3, $4, 2, $5, $6, clock_timestamp()) RETURNING id`,
            [op.workspaceId, op.processingId, state.window_first_operation_id, op.operationId, state.window_started_at, state.window_end],
          )) as { id: string }[];
          const digestId = (digest as { id: string }).id;
          await tx.query(`UPDATE alert_state SET digest_alert_id = $2 WHERE processing_id = $1`, [op.processingId, digestId]);
          return { alerts: [{ alertId: digestId, delayMs: state.window_left_ms }], failing };
        }
      }
      // clock_timestamp(), not now(): this transaction may have begun before the one it waited for.
      const [alert] = (await tx.query(
        `INSERT INTO alert (workspace_id, processing_id, kind, first_operation_id, last_operation_id, failure_count, created_at)
         VALUES ($1, $2, 'failure', $3, $3, 1, clock_timestamp()) RETURNING id`,
        [op.workspaceId, op.processingId, op.operationId],
      )) as { id: string }[];
      await tx.query(
        `UPDATE alert_state SET window_started_at = clock_timestamp(),
           window_end = clock_timestamp() + make_interval(secs => $2::float8 / 1000),
           window_first_operation_id = $3, digest_alert_id = NULL, recovered_in_window = false
         WHERE processing_id = $1`,
        [op.processingId, windowMs, op.operationId],
      );
      return { alerts: [{ alertId: (alert as { id: string }).id, delayMs: 0 }], failing };
    });
  }

  /**
   * Ends a failing streak when the operation finished after the failure that started or continued
   * it; an older success arriving late changes nothing. The `recovered` alert goes out once per
   * streak, and at most once per window: a processing that flaps between failing and working is
   * told about in the digest instead of in a mail per change.
   */
  async recordSuccess(processingId: string, operationId: string): Promise<QueuedAlert[]> {
    return this.db.transaction(async (tx) => {
      const [state] = (await tx.query(
        `SELECT s.workspace_id, s.streak_failures, s.streak_started_at, s.recovered_in_window,
           COALESCE(s.window_end > clock_timestamp(), false) AS window_open,
           COALESCE(o.finished_at, now()) > COALESCE(s.last_failure_finished_at, '-infinity') AS newer
         FROM alert_state s LEFT JOIN operation o ON o.id = $2
         WHERE s.processing_id = $1 AND s.failing
         FOR UPDATE OF s`,
        [processingId, operationId],
      )) as Array<{
        workspace_id: string;
        streak_failures: number;
        streak_started_at: Date | null;
        recovered_in_window: boolean;
        window_open: boolean;
        newer: boolean;
      }>;
      if (!state?.newer) return [];
      await tx.query(
        `UPDATE alert_state SET failing = false, recovered_in_window = $2, updated_at = clock_timestamp() WHERE processing_id = $1`,
        [processingId, state.window_open],
      );
      if (state.window_open && state.recovered_in_window) return [];
      const [alert] = (await tx.query(
        `INSERT INTO alert (workspace_id, processing_id, kind, last_operation_id, failure_count, window_started_at, created_at)
         VALUES ($1, $2, 'recovered', $3, $4, $5, clock_timestamp()) RETURNING id`,
        [state.workspace_id, processingId, operationId, state.streak_failures, state.streak_started_at],
      )) as { id: string }[];
      return [{ alertId: (alert as { id: string }).id, delayMs: 0 }];
    });
  }

  /**
   * Failing processings whose newest success finished after their last failure: a success whose
   * result crossed a failure's between two processes and skipped the state (see the failing-set
   * check). The sweeper ends those streaks, so none stays "failing" for longer than one pass.
   */
  async staleFailingStreaks(): Promise<Array<{ processingId: string; operationId: string }>> {
    const rows = (await this.db.query(
      `SELECT s.processing_id, o.id AS operation_id FROM alert_state s
       JOIN LATERAL (
         SELECT id FROM operation o
         WHERE o.processing_id = s.processing_id AND o.status = 'succeeded'
           AND o.finished_at > COALESCE(s.last_failure_finished_at, '-infinity')
         ORDER BY o.finished_at DESC LIMIT 1
       ) o ON true
       WHERE s.failing`,
    )) as { processing_id: string; operation_id: string }[];
    return rows.map((r) => ({ processingId: r.processing_id, operationId: r.operation_id }));
  }

  /** Creates the processing's state row if needed and locks it until the transaction ends. */
  private async lockState(tx: EntityManager, processingId: string, workspaceId: string): Promise<StateRow> {
    await tx.query(`INSERT INTO alert_state (processing_id, workspace_id) VALUES ($1, $2) ON CONFLICT (processing_id) DO NOTHING`, [
      processingId,
      workspaceId,
    ]);
    const [state] = (await tx.query(
      `SELECT failing, COALESCE(window_end > clock_timestamp(), false) AS window_open, window_started_at, window_end,
         COALESCE(GREATEST(0, EXTRACT(EPOCH FROM window_end - clock_timestamp()) * 1000), 0)::float8 AS window_left_ms,
         window_first_operation_id, digest_alert_id, recovered_in_window, streak_failures, streak_started_at, last_failure_finished_at
       FROM alert_state WHERE processing_id = $1 FOR UPDATE`,
      [processingId],
    )) as StateRow[];
    return state as StateRow;
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
         SELECT a.status, COALESCE(EXTRACT(EPOCH FROM a.window_end - now()) * 1000, 0)::float8 AS wait_ms,
           COALESCE(a.claimed_until >= now(), false) AS claim_live,
           -- A failure or recovery mail waits for the older ones of its processing (digests keep their own time).
           a.kind <> 'digest' AND EXISTS (
             SELECT 1 FROM alert e
             WHERE e.processing_id = a.processing_id AND e.kind <> 'digest' AND e.status IN ('pending', 'sending')
               AND (e.created_at, e.id) < (a.created_at, a.id)
           ) AS behind
         FROM alert a WHERE a.id = $1
       ), claimed AS (
         UPDATE alert a SET status = 'sending', attempts = a.attempts + 1,
           claimed_until = now() + make_interval(secs => $2::float8 / 1000)
         FROM target t
         WHERE a.id = $1 AND NOT t.behind
           AND (a.status = 'pending' OR (a.status = 'sending' AND a.claimed_until < now()))
           AND (a.window_end IS NULL OR a.window_end <= now())
         RETURNING a.id
       )
       SELECT EXISTS (SELECT 1 FROM claimed) AS claimed, t.status, t.wait_ms, t.claim_live, t.behind FROM target t`,
      [alertId, claimMs],
    )) as { claimed: boolean; status: string; wait_ms: number; claim_live: boolean; behind: boolean }[];
    // `target` is the row as it was before this statement: it explains why the claim did not happen.
    if (row?.claimed) return { claimed: true };
    if (row?.status === 'pending' && row.wait_ms > 0) return { claimed: false, reason: 'window_open', waitMs: row.wait_ms };
    if (row?.status === 'sending' && row.claim_live) return { claimed: false, reason: 'busy' };
    if ((row?.status === 'pending' || row?.status === 'sending') && row.behind) {
      return { claimed: false, reason: 'behind_earlier', waitMs: BEHIND_EARLIER_WAIT_MS };
    }
    return { claimed: false, reason: 'done' };
  }

  async context(alertId: string): Promise<AlertContext | null> {
    const [row] = (await this.db.query(
      `SELECT a.id, a.kind, a.workspace_id, a.processing_id, a.failure_count, a.window_started_at, a.window_end,
         a.last_operation_id, p.name AS processing_name, p.alert_recipients, COALESCE(s.failing, false) AS failing_now,
         o.id AS operation_id, o.received_at, o.params, o.error, w.language, w.time_zone
       FROM alert a
       JOIN processing p ON p.id = a.processing_id
       JOIN workspace w ON w.id = a.workspace_id
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
      error: { step?: string; code?: string; message?: string; details?: unknown } | null;
      language: 'ru' | 'en';
      time_zone: string;
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
      language: row.language,
      timeZone: row.time_zone,
      operation:
        row.operation_id && row.received_at
          ? { id: row.operation_id, receivedAt: row.received_at, params: row.params ?? {}, error: row.error }
          : null,
    };
  }

  /**
   * Who gets an alert, the one rule for the worker's alerts and the API's test e-mail: the addresses
   * named (a processing's own list, or the test's `to`), else the workspace's owners, else the
   * installation's default (ALERT_DEFAULT_RECIPIENTS). Empty when all three are.
   */
  async recipients(workspaceId: string, named: readonly string[], installationDefault: readonly string[]): Promise<string[]> {
    if (named.length) return [...named];
    const owners = await this.ownerEmails(workspaceId);
    return owners.length ? owners : [...installationDefault];
  }

  private async ownerEmails(workspaceId: string): Promise<string[]> {
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
