import type { DataSource } from 'typeorm';
import type { MemberRole } from './accounts.repository';
import { hashToken } from './sessions.repository';

export class InvitesRepository {
  constructor(private readonly db: DataSource) {}

  /** The invited person joins with `role`, chosen by the owner who invites. */
  async create(token: string, workspaceId: string, email: string, invitedBy: string, ttlMs: number, role: MemberRole): Promise<void> {
    await this.db.query(
      `INSERT INTO workspace_invite (token_hash, workspace_id, email, invited_by, expires_at, role)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000), $6)`,
      [hashToken(token), workspaceId, email, invitedBy, ttlMs, role],
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
