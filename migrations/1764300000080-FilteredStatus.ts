import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `filtered`: a filter step's conditions did not hold and the operation ended there, without failing. */
export class FilteredStatus1764300000080 implements MigrationInterface {
  name = 'FilteredStatus1764300000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation DROP CONSTRAINT operation_status_check`);
    await q.query(`ALTER TABLE operation ADD CONSTRAINT operation_status_check
      CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'failed', 'held', 'discarded', 'duplicate', 'filtered'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The older schema has no word for it; the closest it has is an event not acted upon.
    await q.query(`UPDATE operation SET status = 'discarded' WHERE status = 'filtered'`);
    await q.query(`ALTER TABLE operation DROP CONSTRAINT operation_status_check`);
    await q.query(`ALTER TABLE operation ADD CONSTRAINT operation_status_check
      CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'failed', 'held', 'discarded', 'duplicate'))`);
  }
}
