import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `resume_from_step` was written by replays and never read: a replay resumes from the succeeded steps
 * it carries in `steps`, which the worker reads anyway. A column nobody reads only misleads.
 */
export class DropResumeFromStep1764300000090 implements MigrationInterface {
  name = 'DropResumeFromStep1764300000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation DROP COLUMN resume_from_step`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Nothing ever read it, so an older release finds it empty on the rows written since.
    await q.query(`ALTER TABLE operation ADD COLUMN resume_from_step integer`);
  }
}
