import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session whose privileges changed (an owner changed the member's role) is replaced at its next
 * request: the browser gets a new token, and the one it held stops working.
 */
export class SessionRotation1764300000049 implements MigrationInterface {
  name = 'SessionRotation1764300000049';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_session ADD COLUMN rotate boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE user_session DROP COLUMN rotate`);
  }
}
