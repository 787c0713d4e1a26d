import type { CreateProcessingInput, ProcessingStatus, ProcessingView, WebhookSource, Action } from '@provod/contracts';
import type { DataSource, EntityManager } from 'typeorm';

interface ProcessingRow {
  id: string;
  workspace_id: string;
  name: string;
  status: ProcessingStatus;
  webhook_token: string;
  version: number;
  source: WebhookSource;
  actions: Action[];
  alert_recipients: string[];
  created_at: Date;
  updated_at: Date;
}

/** What the webhook needs to accept an event: read on every request, so kept small. */
export interface WebhookTarget {
  id: string;
  workspaceId: string;
  status: ProcessingStatus;
  version: number;
  source: WebhookSource;
}

const COLUMNS = `id, workspace_id, name, status, webhook_token, version, source, actions, alert_recipients, created_at, updated_at`;

function toView(row: ProcessingRow): ProcessingView {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    status: row.status,
    webhookToken: row.webhook_token,
    version: row.version,
    source: row.source,
    actions: row.actions,
    alertRecipients: row.alert_recipients,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** What a save changes: only the fields given. */
export interface DefinitionChange {
  name?: string;
  source?: Partial<WebhookSource>;
  /** True for PUT (the source given is the whole source); false merges it over the current one. */
  replaceSource?: boolean;
  actions?: Action[];
  /** Recorded on the version this save makes. */
  savedBy?: SavedBy;
}

/** Who makes a version: the user (their e-mail and name are copied), and the version a restore copies. */
export interface SavedBy {
  userId: string;
  restoredFrom?: number;
}

export class ProcessingsRepository {
  constructor(private readonly db: DataSource) {}

  async create(workspaceId: string, input: CreateProcessingInput, webhookToken: string, savedBy?: SavedBy): Promise<ProcessingView> {
    return this.db.transaction(async (tx) => {
      const [row] = (await tx.query(
        `INSERT INTO processing (workspace_id, name, webhook_token, source, actions)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [workspaceId, input.name, webhookToken, JSON.stringify(input.source), JSON.stringify(input.actions)],
      )) as ProcessingRow[];
      await this.saveVersion(tx, row, savedBy);
      return toView(row);
    });
  }

  async list(workspaceId: string): Promise<ProcessingView[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM processing WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC`,
      [workspaceId],
    )) as ProcessingRow[];
    return rows.map(toView);
  }

  async find(workspaceId: string, id: string): Promise<ProcessingView | null> {
    const [row] = (await this.db.query(`SELECT ${COLUMNS} FROM processing WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
    ])) as ProcessingRow[];
    return row ? toView(row) : null;
  }

  /**
   * Applies a change to the definition, bumps the version and keeps the new version's copy. Absent
   * fields keep their values; `source` is either replaced or merged one level deep (`||`), in the
   * statement itself, so two saves cannot lose each other's fields. A running processing is never
   * left without actions: that change is refused ('running_needs_actions') and nothing is written.
   */
  async update(workspaceId: string, id: string, change: DefinitionChange): Promise<ProcessingView | 'not_found' | 'running_needs_actions'> {
    return this.db.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE processing SET
           name = COALESCE($3, name),
           source = CASE WHEN $4::jsonb IS NULL THEN source WHEN $5 THEN $4::jsonb ELSE source || $4::jsonb END,
           actions = COALESCE($6::jsonb, actions),
           version = version + 1,
           updated_at = now()
         WHERE workspace_id = $1 AND id = $2
           AND (status <> 'running' OR jsonb_array_length(COALESCE($6::jsonb, actions)) > 0)
         RETURNING ${COLUMNS}`,
        [
          workspaceId,
          id,
          change.name ?? null,
          change.source ? JSON.stringify(change.source) : null,
          change.replaceSource ?? false,
          change.actions ? JSON.stringify(change.actions) : null,
        ],
      )) as [ProcessingRow[], number];
      const row = rows[0];
      if (!row) return (await this.exists(tx, workspaceId, id)) ? 'running_needs_actions' : 'not_found';
      await this.saveVersion(tx, row, change.savedBy);
      return toView(row);
    });
  }

  /** Stops, or starts only a processing with at least one action: one with none would "succeed" doing nothing. */
  async setStatus(workspaceId: string, id: string, status: ProcessingStatus): Promise<ProcessingView | 'not_found' | 'running_needs_actions'> {
    const [rows] = (await this.db.query(
      `UPDATE processing SET status = $3, updated_at = now()
       WHERE workspace_id = $1 AND id = $2 AND ($3 <> 'running' OR jsonb_array_length(actions) > 0)
       RETURNING ${COLUMNS}`,
      [workspaceId, id, status],
    )) as [ProcessingRow[], number];
    if (rows[0]) return toView(rows[0]);
    return (await this.exists(this.db.manager, workspaceId, id)) ? 'running_needs_actions' : 'not_found';
  }

  private async exists(db: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const rows = (await db.query(`SELECT 1 FROM processing WHERE workspace_id = $1 AND id = $2`, [workspaceId, id])) as unknown[];
    return rows.length > 0;
  }

  /** A new webhook URL; the old one stops working at once (a leaked URL can be revoked). */
  async regenerateToken(workspaceId: string, id: string, webhookToken: string): Promise<ProcessingView | null> {
    const [rows] = (await this.db.query(
      `UPDATE processing SET webhook_token = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, webhookToken],
    )) as [ProcessingRow[], number];
    return rows[0] ? toView(rows[0]) : null;
  }

  async delete(workspaceId: string, id: string): Promise<boolean> {
    const [, count] = (await this.db.query(`DELETE FROM processing WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
    ])) as [unknown, number];
    return count > 0;
  }

  async findWebhookTarget(token: string): Promise<WebhookTarget | null> {
    const [row] = (await this.db.query(
      `SELECT id, workspace_id, status, version, source FROM processing WHERE webhook_token = $1`,
      [token],
    )) as Pick<ProcessingRow, 'id' | 'workspace_id' | 'status' | 'version' | 'source'>[];
    return row
      ? { id: row.id, workspaceId: row.workspace_id, status: row.status, version: row.version, source: row.source }
      : null;
  }

  private async saveVersion(tx: EntityManager, row: ProcessingRow, savedBy?: SavedBy): Promise<void> {
    await tx.query(
      `INSERT INTO processing_version (processing_id, version, workspace_id, source, actions, saved_by, saved_by_email, saved_by_name, restored_from)
       SELECT $1, $2, $3, $4, $5, u.id, u.email, u.name, $7
       FROM (SELECT $6::uuid AS id) who LEFT JOIN app_user u ON u.id = who.id`,
      [row.id, row.version, row.workspace_id, JSON.stringify(row.source), JSON.stringify(row.actions), savedBy?.userId ?? null, savedBy?.restoredFrom ?? null],
    );
  }
}
