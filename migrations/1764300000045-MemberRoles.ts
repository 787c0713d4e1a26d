import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Three roles instead of two: every former 'member' becomes an 'editor' (they could build
 * processings and use secrets, which is what an editor does); 'viewer' reads only.
 * Invitations carry the role the invited person will have.
 */
export class MemberRoles1764300000045 implements MigrationInterface {
  name = 'MemberRoles1764300000045';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace_member DROP CONSTRAINT workspace_member_role_check`);
    await q.query(`UPDATE workspace_member SET role = 'editor' WHERE role = 'member'`);
    await q.query(`
      ALTER TABLE workspace_member ADD CONSTRAINT workspace_member_role_check
        CHECK (role IN ('owner', 'editor', 'viewer'))`);
    await q.query(`
      ALTER TABLE workspace_invite ADD COLUMN role text NOT NULL DEFAULT 'editor'
        CONSTRAINT workspace_invite_role_check CHECK (role IN ('owner', 'editor', 'viewer'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace_invite DROP COLUMN role`);
    await q.query(`ALTER TABLE workspace_member DROP CONSTRAINT workspace_member_role_check`);
    // The old schema knows no read-only role: viewers become members, as editors do.
    await q.query(`UPDATE workspace_member SET role = 'member' WHERE role IN ('editor', 'viewer')`);
    await q.query(`
      ALTER TABLE workspace_member ADD CONSTRAINT workspace_member_role_check
        CHECK (role IN ('owner', 'member'))`);
  }
}
