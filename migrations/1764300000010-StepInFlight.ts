import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The step whose request to another system is on its way: written before a write is sent and cleared
 * when its result is recorded. A worker that finds it set after a crash knows the request may have
 * reached the server, and the history shows that try.
 */
export class StepInFlight1764300000010 implements MigrationInterface {
  name = 'StepInFlight1764300000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation ADD COLUMN step_in_flight jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation DROP COLUMN step_in_flight`);
  }
}
