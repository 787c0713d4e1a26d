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

  /**
   * A live invitation, without using it up: sign-up checks it first and spends it only in the
   * transaction that creates the account (AccountsRepository.createUser / joinWithInvite).
   */
  async findLive(token: string): Promise<{ workspaceId: string; email: string } | null> {
    const [row] = (await this.db.query(
      `SELECT workspace_id, email FROM workspace_invite
       WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now()`,
      [hashToken(token)],
    )) as { workspace_id: string; email: string }[];
    return row ? { workspaceId: row.workspace_id, email: row.email } : null;
  }
}
