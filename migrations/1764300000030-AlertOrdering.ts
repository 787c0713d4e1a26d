import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alert state follows the operations' finish times, not the order their results reach the worker:
 * a failure that finished before the latest applied success must not make a processing "failing".
 */
export class AlertOrdering1764300000030 implements MigrationInterface {
  name = 'AlertOrdering1764300000030';

  async up(q: QueryRunner): Promise<void> {
    // The finish time of the latest failure that set `failing`: a success that finished earlier ends nothing.
    await q.query(`ALTER TABLE alert_state ADD COLUMN last_failure_finished_at timestamptz`);
    await q.query(`UPDATE alert_state SET last_failure_finished_at = updated_at WHERE failing`);
    // "Did any success of this processing finish after this failure?" asked under the state's lock,
    // and the sweeper's "which failing processing has worked since?": one index probe each.
    await q.query(
      `CREATE INDEX operation_succeeded_finished_idx ON operation (processing_id, finished_at DESC) WHERE status = 'succeeded'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX operation_succeeded_finished_idx`);
    await q.query(`ALTER TABLE alert_state DROP COLUMN last_failure_finished_at`);
  }
}
