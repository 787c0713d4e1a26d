import type { Action, VersionDetail, VersionSummary, WebhookSource } from '@provod/contracts';
import type { DataSource } from 'typeorm';

// The answers' shapes are the API's, declared once in libs/contracts.
export type { VersionAuthor, VersionDetail, VersionSummary } from '@provod/contracts';

interface VersionRow {
  version: number;
  created_at: Date;
  saved_by: string | null;
  saved_by_email: string | null;
  saved_by_name: string | null;
  restored_from: number | null;
  source?: WebhookSource;
  actions?: Action[];
}

const SUMMARY = `version, created_at, saved_by, saved_by_email, saved_by_name, restored_from`;

function toSummary(row: VersionRow): VersionSummary {
  return {
    version: row.version,
    savedAt: row.created_at.toISOString(),
    author: row.saved_by_email === null ? null : { userId: row.saved_by, email: row.saved_by_email, name: row.saved_by_name ?? '' },
    restoredFrom: row.restored_from,
  };
}

/** Reads the saved definitions of a processing (ProcessingsRepository writes them, one per save). */
export class ProcessingVersionsRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first; `before` pages back through a long history. */
  async list(workspaceId: string, processingId: string, page: { before?: number; limit: number }): Promise<VersionSummary[]> {
    const rows = (await this.db.query(
      `SELECT ${SUMMARY} FROM processing_version
       WHERE workspace_id = $1 AND processing_id = $2 AND ($3::int IS NULL OR version < $3)
       ORDER BY version DESC LIMIT $4`,
      [workspaceId, processingId, page.before ?? null, page.limit],
    )) as VersionRow[];
    return rows.map(toSummary);
  }

  async find(workspaceId: string, processingId: string, version: number): Promise<VersionDetail | null> {
    const [row] = (await this.db.query(
      `SELECT ${SUMMARY}, source, actions FROM processing_version
       WHERE workspace_id = $1 AND processing_id = $2 AND version = $3`,
      [workspaceId, processingId, version],
    )) as VersionRow[];
    return row ? { ...toSummary(row), source: row.source as WebhookSource, actions: row.actions as Action[] } : null;
  }
}
