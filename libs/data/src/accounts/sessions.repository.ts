import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MemberRole } from './accounts.repository';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionContext {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  /** The workspace the session acts in, with the user's role there; null when they belong to none. */
  workspaceId: string | null;
  role: MemberRole | null;
}

export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async create(token: string, userId: string, workspaceId: string | null, csrfToken: string, ttlMs: number): Promise<void> {
    await this.db.query(
      `INSERT INTO user_session (token_hash, user_id, workspace_id, csrf_token, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000))`,
      [hashToken(token), userId, workspaceId, csrfToken, ttlMs],
    );
  }

  /**
   * One query per API request: the session, and the caller's role in the session's workspace.
   * A workspace the user was removed from no longer counts.
   */
  async resolve(token: string): Promise<SessionContext | null> {
    const [row] = (await this.db.query(
      `SELECT s.token_hash, s.user_id, s.csrf_token, m.workspace_id, m.role
       FROM user_session s
       LEFT JOIN workspace_member m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    )) as { token_hash: string; user_id: string; csrf_token: string; workspace_id: string | null; role: MemberRole | null }[];
    return row
      ? { tokenHash: row.token_hash, userId: row.user_id, csrfToken: row.csrf_token, workspaceId: row.workspace_id, role: row.role }
      : null;
  }

  async switchWorkspace(tokenHash: string, workspaceId: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET workspace_id = $2 WHERE token_hash = $1`, [tokenHash, workspaceId]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
  }
}
