import type {
  CreateProcessingInput,
  ProcessingStatus,
  ProcessingView,
  UpdateProcessingInput,
  WebhookSource,
  Action,
} from '@provod/contracts';
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

export class ProcessingsRepository {
  constructor(private readonly db: DataSource) {}

  async create(workspaceId: string, input: CreateProcessingInput, webhookToken: string): Promise<ProcessingView> {
    return this.db.transaction(async (tx) => {
      const [row] = (await tx.query(
        `INSERT INTO processing (workspace_id, name, webhook_token, source, actions)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [workspaceId, input.name, webhookToken, JSON.stringify(input.source), JSON.stringify(input.actions)],
      )) as ProcessingRow[];
      await this.saveVersion(tx, row);
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

  /** Applies a change to the definition, bumps the version and keeps the new version's copy. */
  async update(workspaceId: string, id: string, patch: UpdateProcessingInput): Promise<ProcessingView | null> {
    return this.db.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE processing SET
           name = COALESCE($3, name),
           source = COALESCE($4::jsonb, source),
           actions = COALESCE($5::jsonb, actions),
           version = version + 1,
           updated_at = now()
         WHERE workspace_id = $1 AND id = $2
         RETURNING ${COLUMNS}`,
        [
          workspaceId,
          id,
          patch.name ?? null,
          patch.source ? JSON.stringify(patch.source) : null,
          patch.actions ? JSON.stringify(patch.actions) : null,
        ],
      )) as [ProcessingRow[], number];
      const row = rows[0];
      if (!row) return null;
      await this.saveVersion(tx, row);
      return toView(row);
    });
  }

  async setStatus(workspaceId: string, id: string, status: ProcessingStatus): Promise<ProcessingView | null> {
    const [rows] = (await this.db.query(
      `UPDATE processing SET status = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, id, status],
    )) as [ProcessingRow[], number];
    return rows[0] ? toView(rows[0]) : null;
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

  private async saveVersion(tx: EntityManager, row: ProcessingRow): Promise<void> {
    await tx.query(
      `INSERT INTO processing_version (processing_id, version, workspace_id, source, actions)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.id, row.version, row.workspace_id, JSON.stringify(row.source), JSON.stringify(row.actions)],
    );
  }
}
