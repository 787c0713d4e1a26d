import type { DataSource } from 'typeorm';
import { hashToken } from './sessions.repository';

export class InvitesRepository {
  constructor(private readonly db: DataSource) {}

  async create(token: string, workspaceId: string, email: string, invitedBy: string, ttlMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO workspace_invite (token_hash, workspace_id, email, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000))`,
      [hashToken(token), workspaceId, email, invitedBy, ttlMs],
    );
  }

  /** Marks an invitation used and returns its workspace; an invitation works once. */
  async consume(token: string): Promise<{ workspaceId: string; email: string } | null> {
    const [rows] = (await this.db.query(
      `UPDATE workspace_invite SET accepted_at = now()
       WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now()
       RETURNING workspace_id, email`,
      [hashToken(token)],
    )) as [{ workspace_id: string; email: string }[], number];
    const row = rows[0];
    return row ? { workspaceId: row.workspace_id, email: row.email } : null;
  }
}
