import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { MemberRole } from './accounts.repository';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface SessionContext {
  /** Public id, for the list of sessions; the token itself is never stored. */
  id: string;
  tokenHash: string;
  userId: string;
  csrfToken: string;
  /** The workspace the session acts in, with the user's role there; null when they belong to none. */
  workspaceId: string | null;
  role: MemberRole | null;
  /** Its privileges changed since it was issued: replace it before serving this request. */
  rotate: boolean;
}

/** Where a session was opened from, shown in the user's list of sessions. */
export interface SessionOrigin {
  userAgent: string;
  address: string;
}

export interface SessionSummary {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  userAgent: string;
  address: string;
}

// Writing on every request would double the database work; a minute is exact enough for "last used".
const LAST_USED_PRECISION_SECONDS = 60;
const USER_AGENT_MAX = 400;

export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async create(
    token: string,
    userId: string,
    workspaceId: string | null,
    csrfToken: string,
    ttlMs: number,
    origin: SessionOrigin = { userAgent: '', address: '' },
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO user_session (token_hash, user_id, workspace_id, csrf_token, expires_at, user_agent, address)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5::float8 / 1000), $6, $7)`,
      [hashToken(token), userId, workspaceId, csrfToken, ttlMs, origin.userAgent.slice(0, USER_AGENT_MAX), origin.address.slice(0, 100)],
    );
  }

  /**
   * One query per API request: the session, and the caller's role in the session's workspace.
   * A workspace the user was removed from no longer counts. Refreshes "last used" once a minute.
   */
  async resolve(token: string): Promise<SessionContext | null> {
    const [row] = (await this.db.query(
      `SELECT s.id, s.token_hash, s.user_id, s.csrf_token, m.workspace_id, m.role, s.rotate,
              s.last_used_at < now() - make_interval(secs => $2) AS stale
       FROM user_session s
       LEFT JOIN workspace_member m ON m.workspace_id = s.workspace_id AND m.user_id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token), LAST_USED_PRECISION_SECONDS],
    )) as {
      id: string;
      token_hash: string;
      user_id: string;
      csrf_token: string;
      workspace_id: string | null;
      role: MemberRole | null;
      rotate: boolean;
      stale: boolean;
    }[];
    if (!row) return null;
    if (row.stale) await this.db.query(`UPDATE user_session SET last_used_at = now() WHERE token_hash = $1`, [row.token_hash]);
    return {
      id: row.id,
      tokenHash: row.token_hash,
      userId: row.user_id,
      csrfToken: row.csrf_token,
      workspaceId: row.workspace_id,
      role: row.role,
      rotate: row.rotate,
    };
  }

  async switchWorkspace(tokenHash: string, workspaceId: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET workspace_id = $2 WHERE token_hash = $1`, [tokenHash, workspaceId]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
  }

  /** The user's live sessions, most recently used first. */
  async list(userId: string): Promise<SessionSummary[]> {
    const rows = (await this.db.query(
      `SELECT id, created_at, last_used_at, user_agent, address FROM user_session
       WHERE user_id = $1 AND expires_at > now() ORDER BY last_used_at DESC, created_at DESC`,
      [userId],
    )) as { id: string; created_at: Date; last_used_at: Date; user_agent: string; address: string }[];
    return rows.map((r) => ({
      id: r.id,
      createdAt: r.created_at.toISOString(),
      lastUsedAt: r.last_used_at.toISOString(),
      userAgent: r.user_agent,
      address: r.address,
    }));
  }

  /** Ends one of the user's sessions by its public id; false when it is not theirs or not there. */
  async revoke(userId: string, id: string): Promise<boolean> {
    const [, count] = (await this.db.query(`DELETE FROM user_session WHERE user_id = $1 AND id = $2`, [userId, id])) as [unknown, number];
    return count > 0;
  }

  /** The user's sessions in this workspace get a new token at their next request (their privileges changed). */
  async markForRotation(userId: string, workspaceId: string): Promise<void> {
    await this.db.query(`UPDATE user_session SET rotate = true WHERE user_id = $1 AND workspace_id = $2`, [userId, workspaceId]);
  }

  /** Ends every session of the user, except `keepTokenHash` when given. Returns how many ended. */
  async revokeAll(userId: string, keepTokenHash: string | null = null): Promise<number> {
    const [, count] = (await this.db.query(`DELETE FROM user_session WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
      userId,
      keepTokenHash,
    ])) as [unknown, number];
    return count;
  }
}
