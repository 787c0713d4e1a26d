import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operation row is updated three times after its insert: claimed, checkpointed after a step that
 * reached another system, finished. The checkpoint changes no indexed column, so with room on the
 * row's page PostgreSQL writes it as a HOT update, without a new entry in each of the table's nine
 * indexes. Pages filled to 80 % leave that room. Existing pages keep their fill; new ones follow.
 */
export class OperationFillfactor1764300000095 implements MigrationInterface {
  name = 'OperationFillfactor1764300000095';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation SET (fillfactor = 80)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation RESET (fillfactor)`);
  }
}
