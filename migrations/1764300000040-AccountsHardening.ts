import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One installation owner claimed in the database (so concurrent first sign-ups cannot all win),
 * sessions a user can list and revoke, and single-use password-reset links.
 */
export class AccountsHardening1764300000040 implements MigrationInterface {
  name = 'AccountsHardening1764300000040';

  async up(q: QueryRunner): Promise<void> {
    // A singleton row: the primary key admits only `true`, so a second claim is a unique violation.
    await q.query(`
      CREATE TABLE install_owner (
        singleton boolean PRIMARY KEY DEFAULT true CONSTRAINT install_owner_singleton_check CHECK (singleton),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        claimed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO install_owner (user_id)
      SELECT user_id FROM workspace_member
      WHERE workspace_id = '00000000-0000-4000-8000-000000000001' AND role = 'owner'
      ORDER BY created_at LIMIT 1`);

    await q.query(`ALTER TABLE user_session ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid()`);
    await q.query(`ALTER TABLE user_session ADD CONSTRAINT user_session_id_key UNIQUE (id)`);
    await q.query(`ALTER TABLE user_session ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE user_session ADD COLUMN user_agent text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE user_session ADD COLUMN address text NOT NULL DEFAULT ''`);

    // Only a hash of the link's token is kept, like sessions: a leaked table resets nobody's password.
    await q.query(`
      CREATE TABLE password_reset (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        issued_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX password_reset_user_idx ON password_reset (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_reset`);
    await q.query(`ALTER TABLE user_session DROP COLUMN address`);
    await q.query(`ALTER TABLE user_session DROP COLUMN user_agent`);
    await q.query(`ALTER TABLE user_session DROP COLUMN last_used_at`);
    await q.query(`ALTER TABLE user_session DROP CONSTRAINT user_session_id_key`);
    await q.query(`ALTER TABLE user_session DROP COLUMN id`);
    await q.query(`DROP TABLE install_owner`);
  }
}
