import type { DataSource } from 'typeorm';
import { hashToken } from './sessions.repository';

/** Single-use password-reset links; only the token's hash is stored. */
export class PasswordResetsRepository {
  constructor(private readonly db: DataSource) {}

  /** A new link replaces any earlier one the user still holds: only the latest works. */
  async create(token: string, userId: string, ttlMs: number, issuedBy: string | null): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM password_reset WHERE user_id = $1 AND used_at IS NULL`, [userId]);
      await tx.query(
        `INSERT INTO password_reset (token_hash, user_id, issued_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4::float8 / 1000))`,
        [hashToken(token), userId, issuedBy, ttlMs],
      );
    });
  }

  /** The user a live link belongs to, without using it (the reset page asks before it shows the form). */
  async findLive(token: string): Promise<{ userId: string; email: string } | null> {
    const [row] = (await this.db.query(
      `SELECT r.user_id, u.email FROM password_reset r JOIN app_user u ON u.id = r.user_id
       WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now()`,
      [hashToken(token)],
    )) as { user_id: string; email: string }[];
    return row ? { userId: row.user_id, email: row.email } : null;
  }

  /**
   * Uses the link and sets the password in one transaction, and ends every session of the user:
   * whoever knew the old password is signed out. Null when the link is used, expired or unknown.
   */
  async redeem(token: string, passwordHash: string): Promise<{ userId: string } | null> {
    return this.db.transaction(async (tx) => {
      const [rows] = (await tx.query(
        `UPDATE password_reset SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [hashToken(token)],
      )) as [{ user_id: string }[], number];
      const userId = rows[0]?.user_id;
      if (!userId) return null;
      await tx.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
      await tx.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
      return { userId };
    });
  }
}
