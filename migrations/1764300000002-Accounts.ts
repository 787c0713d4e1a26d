import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, their workspaces, sessions and invitations. */
export class Accounts1764300000002 implements MigrationInterface {
  name = 'Accounts1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        name text NOT NULL DEFAULT '',
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await q.query(`
      CREATE TABLE workspace_member (
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT workspace_member_role_check CHECK (role IN ('owner', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT workspace_member_pkey PRIMARY KEY (workspace_id, user_id)
      )`);
    await q.query(`CREATE INDEX workspace_member_user_idx ON workspace_member (user_id)`);
    // Only a hash of the session token is stored: a leaked table does not log anyone in.
    await q.query(`
      CREATE TABLE user_session (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        workspace_id uuid REFERENCES workspace (id) ON DELETE SET NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);
    await q.query(`
      CREATE TABLE workspace_invite (
        token_hash text PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        email text NOT NULL,
        invited_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workspace_invite`);
    await q.query(`DROP TABLE user_session`);
    await q.query(`DROP TABLE workspace_member`);
    await q.query(`DROP TABLE app_user`);
  }
}
