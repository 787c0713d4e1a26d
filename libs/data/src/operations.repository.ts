import type {
  Action,
  ListOperationsQuery,
  OperationDetail,
  OperationPage,
  OperationStatus,
  OperationSummary,
  RawRequest,
  StepError,
  StepResult,
} from '@provod/contracts';
import type { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { toJsonbText } from './jsonb-safe';
import { preparedQuery } from './prepared-statement';

const jsonb = toJsonbText;

interface OperationRow {
  id: string;
  processing_id: string;
  processing_version: number;
  status: OperationStatus;
  received_at: Date;
  received_key: string;
  started_at: Date | null;
  finished_at: Date | null;
  attempts: number;
  params: Record<string, unknown>;
  error: OperationSummary['error'];
  replay_of: string | null;
  duplicate_of: string | null;
  request?: RawRequest;
  steps?: StepResult[];
}

/**
 * A write to another system that was about to be sent (or was being sent) when this was recorded.
 * Still set when a worker claims the operation, it means the last try may have reached the server.
 */
export interface StepInFlight {
  actionId: string;
  attempt: number;
  startedAt: string;
}

/** An operation taken by a worker, with the definition of the version it was received under. */
export interface ClaimedOperation {
  id: string;
  workspaceId: string;
  processingId: string;
  processingVersion: number;
  status: 'running' | 'held';
  attempts: number;
  request: RawRequest;
  params: Record<string, unknown>;
  steps: StepResult[];
  /** Set when a worker stopped while a write of this operation was on its way. */
  stepInFlight: StepInFlight | null;
  actions: Action[];
  /** The workspace's secrets, still encrypted (base64), read in the same statement. */
  encryptedSecrets: Record<string, string>;
}

export interface NewWebhookOperation {
  processingId: string;
  webhookToken: string;
  /** The version whose parameter list was used; a newer one means extract again. */
  processingVersion: number;
  request: RawRequest;
  params: Record<string, unknown>;
}

const SUMMARY_COLUMNS = `id, processing_id, processing_version, status, received_at,
  to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || id AS received_key,
  started_at, finished_at, attempts, params, error, replay_of, duplicate_of`;

function toSummary(row: OperationRow): OperationSummary {
  return {
    id: row.id,
    processingId: row.processing_id,
    processingVersion: row.processing_version,
    status: row.status,
    receivedAt: row.received_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    params: row.params,
    error: row.error,
    attempts: row.attempts,
    replayOf: row.replay_of,
    duplicateOf: row.duplicate_of,
  };
}

function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: string; id: string } | null {
  const [receivedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (!receivedAt || !id || !uuid.test(id) || Number.isNaN(Date.parse(receivedAt))) return null;
  return { receivedAt, id };
}

export class InvalidCursorError extends Error {}

/** Where a reconciler pass is in its walk over stranded operations. */
export interface StrandedCursor {
  id: string;
  receivedAt: string;
}

export interface Backlog {
  waiting: number;
  oldestWaitingSeconds: number | null;
  /** Running or retrying operations whose lease has run out: a worker stopped without finishing them. */
  pastLease: number;
}

export class OperationsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores incoming events in one statement and one commit (a group commit: events that arrive while
   * the previous batch is being written share the next one). The processing's live row decides the
   * version and whether each event runs now (`queued`) or waits for the user (`held`). Each gets its
   * own answer, in order: null where the token or the version changed since they were looked up.
   */
  async insertManyFromWebhook(ops: readonly NewWebhookOperation[]): Promise<Array<{ id: string; status: OperationStatus } | null>> {
    const ids = ops.map(() => randomUUID());
    const rows = ops.map((op, i) => ({
      id: ids[i],
      processing_id: op.processingId,
      token: op.webhookToken,
      version: op.processingVersion,
      request: op.request,
      params: op.params,
    }));
    const { rows: inserted } = await preparedQuery<{ id: string; status: OperationStatus }>(
      this.db,
      'operation-insert-from-webhook',
      `INSERT INTO operation (id, workspace_id, processing_id, processing_version, status, request, params)
       SELECT i.id, p.workspace_id, p.id, p.version, CASE WHEN p.status = 'running' THEN 'queued' ELSE 'held' END, i.request, i.params
       FROM jsonb_to_recordset($1::jsonb) AS i(id uuid, processing_id uuid, token text, version int, request jsonb, params jsonb)
       JOIN processing p ON p.id = i.processing_id AND p.webhook_token = i.token AND p.version = i.version
       RETURNING id, status`,
      [jsonb(rows)],
    );
    const byId = new Map(inserted.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The same, for a processing that deduplicates: under a lock on (processing, key), an event whose
   * key was seen within the window is stored as `duplicate`, linked to the first, and not run.
   * Concurrent repeats therefore cannot both slip through.
   */
  async insertFromWebhookDeduplicated(
    op: NewWebhookOperation,
    dedup: { key: string; windowSeconds: number },
  ): Promise<{ id: string; status: OperationStatus; duplicateOf?: string } | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || $2, 0))`, [op.processingId, dedup.key]);
      const [first] = (await tx.query(
        `SELECT id FROM operation
         WHERE processing_id = $1 AND dedup_key = $2 AND status <> 'duplicate'
           AND received_at > now() - make_interval(secs => $3::float8)
         ORDER BY received_at LIMIT 1`,
        [op.processingId, dedup.key, dedup.windowSeconds],
      )) as { id: string }[];
      const rows = (await tx.query(
        `INSERT INTO operation (workspace_id, processing_id, processing_version, status, request, params, dedup_key, duplicate_of, finished_at)
         SELECT p.workspace_id, p.id, p.version,
                CASE WHEN $6::uuid IS NOT NULL THEN 'duplicate' WHEN p.status = 'running' THEN 'queued' ELSE 'held' END,
                $3, $4, $7, $6::uuid, CASE WHEN $6::uuid IS NOT NULL THEN now() END
         FROM processing p WHERE p.id = $1 AND p.webhook_token = $2 AND p.version = $5
         RETURNING id, status`,
        [op.processingId, op.webhookToken, jsonb(op.request), jsonb(op.params), op.processingVersion, first?.id ?? null, dedup.key],
      )) as { id: string; status: OperationStatus }[];
      const row = rows[0];
      return row ? { ...row, ...(first ? { duplicateOf: first.id } : {}) } : null;
    });
  }

  /**
   * Marks an operation as running under a lease and returns what the worker needs to run it, in one
   * statement. An operation whose processing has been stopped meanwhile is held instead of run.
   */
  async claim(id: string, leaseMs: number): Promise<ClaimedOperation | null> {
    const { rows } = await preparedQuery<Record<string, unknown>>(
      this.db,
      'operation-claim',
      `WITH target AS (
         SELECT o.id, p.status AS processing_status
         FROM operation o JOIN processing p ON p.id = o.processing_id
         WHERE o.id = $1 AND o.status IN ('queued', 'running', 'retrying')
         FOR UPDATE OF o
       )
       UPDATE operation o SET
         status = CASE WHEN t.processing_status = 'running' THEN 'running' ELSE 'held' END,
         started_at = CASE WHEN t.processing_status = 'running' THEN COALESCE(o.started_at, now()) ELSE o.started_at END,
         lease_until = CASE WHEN t.processing_status = 'running' THEN now() + make_interval(secs => $2::float8 / 1000) END,
         attempts = o.attempts + CASE WHEN t.processing_status = 'running' THEN 1 ELSE 0 END
       FROM target t, processing_version v
       WHERE o.id = t.id AND v.processing_id = o.processing_id AND v.version = o.processing_version
       RETURNING o.id, o.workspace_id, o.processing_id, o.processing_version, o.status, o.attempts,
         o.request, o.params, o.steps, o.step_in_flight, v.actions,
         (SELECT COALESCE(jsonb_object_agg(s.name, encode(s.value_encrypted, 'base64')), '{}')
          FROM secret s WHERE s.workspace_id = o.workspace_id) AS secrets`,
      [id, leaseMs],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id as string,
      workspaceId: row.workspace_id as string,
      processingId: row.processing_id as string,
      processingVersion: row.processing_version as number,
      status: row.status as 'running' | 'held',
      attempts: row.attempts as number,
      request: row.request as RawRequest,
      params: row.params as Record<string, unknown>,
      steps: row.steps as StepResult[],
      stepInFlight: (row.step_in_flight as StepInFlight | null) ?? null,
      actions: row.actions as Action[],
      encryptedSecrets: row.secrets as Record<string, string>,
    };
  }

  /**
   * Records that a write is about to be sent, before it is: if the worker dies before its result is
   * recorded, the next one knows the request may have reached the server. Renews the lease.
   */
  async markStepInFlight(id: string, step: StepInFlight, leaseMs: number): Promise<void> {
    await preparedQuery(
      this.db,
      'operation-mark-step-in-flight',
      `UPDATE operation SET step_in_flight = $2, lease_until = now() + make_interval(secs => $3::float8 / 1000)
       WHERE id = $1 AND status = 'running'`,
      [id, jsonb(step), leaseMs],
    );
  }

  /**
   * Records finished steps so a crash after this point does not repeat them; renews the lease.
   * `writeAhead`: the write that comes next, marked as on its way in the same statement (see
   * `markStepInFlight`), so it needs no statement of its own.
   */
  async saveProgress(id: string, steps: StepResult[], leaseMs: number, writeAhead: StepInFlight | null = null): Promise<void> {
    await preparedQuery(
      this.db,
      'operation-save-progress',
      `UPDATE operation SET steps = $2, step_in_flight = $4, lease_until = now() + make_interval(secs => $3::float8 / 1000)
       WHERE id = $1 AND status = 'running'`,
      [id, jsonb(steps), leaseMs, writeAhead ? jsonb(writeAhead) : null],
    );
  }

  /** A step will be tried again: the operation waits, its lease covering the wait. */
  async scheduleRetry(id: string, steps: StepResult[], error: StepError & { step?: string }, retryInMs: number, leaseMs: number): Promise<void> {
    await this.db.query(
      `UPDATE operation SET status = 'retrying', steps = $2, error = $3, step_in_flight = NULL,
         lease_until = now() + make_interval(secs => ($4::float8 + $5::float8) / 1000)
       WHERE id = $1 AND status = 'running'`,
      [id, jsonb(steps), jsonb(error), retryInMs, leaseMs],
    );
  }

  async finish(
    id: string,
    status: 'succeeded' | 'failed' | 'filtered',
    steps: StepResult[],
    error: (StepError & { step?: string }) | null,
  ): Promise<boolean> {
    const { rowCount } = await preparedQuery(
      this.db,
      'operation-finish',
      `UPDATE operation SET status = $2, steps = $3, error = $4, finished_at = now(), lease_until = NULL, step_in_flight = NULL
       WHERE id = $1 AND status = 'running'`,
      [id, status, jsonb(steps), error ? jsonb(error) : null],
    );
    // False when another worker finished it first (a lease expired mid-run): the caller must not act twice.
    return (rowCount ?? 0) > 0;
  }

  /** The queue gave up on the job (system errors on every attempt): the row must not stay "running". */
  async failUnfinished(id: string, error: StepError): Promise<void> {
    await this.db.query(
      `UPDATE operation SET status = 'failed', error = $2, finished_at = now(), lease_until = NULL, step_in_flight = NULL
       WHERE id = $1 AND status IN ('queued', 'running', 'retrying')`,
      [id, jsonb(error)],
    );
  }

  /**
   * Operations that should be in the queue but may not be: queued for longer than `queuedForMs`, or
   * running past their lease (the worker died). One page, oldest first; pass the last row of a page as
   * `after` for the next, so a pass walks every stranded operation once.
   */
  async findStranded(queuedForMs: number, limit: number, after?: StrandedCursor): Promise<StrandedCursor[]> {
    const rows = (await this.db.query(
      `SELECT id, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at
       FROM operation
       WHERE status IN ('queued', 'running', 'retrying')
         AND ((status = 'queued' AND received_at < now() - make_interval(secs => $1::float8 / 1000))
           OR (status IN ('running', 'retrying') AND lease_until < now()))
         AND ($3::timestamptz IS NULL OR (received_at, id) > ($3::timestamptz, $4::uuid))
       ORDER BY received_at, id LIMIT $2`,
      [queuedForMs, limit, after?.receivedAt ?? null, after?.id ?? null],
    )) as { id: string; received_at: string }[];
    return rows.map((r) => ({ id: r.id, receivedAt: r.received_at }));
  }

  async list(workspaceId: string, processingId: string, query: ListOperationsQuery): Promise<OperationPage> {
    const where = ['workspace_id = $1', 'processing_id = $2'];
    const args: unknown[] = [workspaceId, processingId];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (query.status?.length) add('status = ANY(?)', query.status);
    if (query.from) add('received_at >= ?', query.from);
    if (query.to) add('received_at < ?', query.to);
    if (query.param && query.value !== undefined) {
      // Parameters arrive as text from forms and as numbers from JSON: match either, through the GIN index.
      const asText = JSON.stringify({ [query.param]: query.value });
      const asNumber = /^-?\d+(\.\d+)?$/.test(query.value) ? JSON.stringify({ [query.param]: Number(query.value) }) : asText;
      args.push(asText, asNumber);
      where.push(`(params @> $${args.length - 1}::jsonb OR params @> $${args.length}::jsonb)`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      if (!cursor) throw new InvalidCursorError('the cursor is not one this API gave out');
      args.push(cursor.receivedAt, cursor.id);
      where.push(`(received_at, id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`);
    }
    args.push(query.limit + 1);
    const rows = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS} FROM operation WHERE ${where.join(' AND ')}
       ORDER BY received_at DESC, id DESC LIMIT $${args.length}`,
      args,
    )) as OperationRow[];
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toSummary),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.received_key) : null,
    };
  }

  async find(workspaceId: string, id: string): Promise<OperationDetail | null> {
    const [row] = (await this.db.query(
      `SELECT ${SUMMARY_COLUMNS}, request, steps,
         (SELECT COALESCE(jsonb_agg(jsonb_build_object('id', r.id, 'status', r.status, 'receivedAt', r.received_at) ORDER BY r.received_at), '[]')
          FROM operation r WHERE r.replay_of = operation.id) AS replays
       FROM operation WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, id],
    )) as (OperationRow & { replays: OperationDetail['replays'] })[];
    if (!row) return null;
    return { ...toSummary(row), request: row.request as RawRequest, steps: row.steps ?? [], replays: row.replays };
  }

  /**
   * What a health check should show: how many operations wait and how old the oldest is, and how many
   * run past their lease (their worker stopped without finishing them). One statement, on the
   * partial index of unfinished operations.
   */
  async backlog(): Promise<Backlog> {
    const [row] = (await this.db.query(
      `SELECT count(*) FILTER (WHERE status = 'queued')::int AS waiting,
              EXTRACT(EPOCH FROM now() - min(received_at) FILTER (WHERE status = 'queued'))::float8 AS oldest,
              count(*) FILTER (WHERE status IN ('running', 'retrying') AND lease_until < now())::int AS past_lease
       FROM operation WHERE status IN ('queued', 'running', 'retrying')`,
    )) as { waiting: number; oldest: number | null; past_lease: number }[];
    return { waiting: row?.waiting ?? 0, oldestWaitingSeconds: row?.oldest ?? null, pastLease: row?.past_lease ?? 0 };
  }
}
