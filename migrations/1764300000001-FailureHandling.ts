import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replays, deduplication, step retries that wait, and per-processing alert recipients. */
export class FailureHandling1764300000001 implements MigrationInterface {
  name = 'FailureHandling1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE processing ADD COLUMN alert_recipients text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE operation DROP CONSTRAINT operation_status_check`);
    // `retrying`: a step failed in a retryable way and the operation waits for its next try.
    await q.query(`ALTER TABLE operation ADD CONSTRAINT operation_status_check
      CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'failed', 'held', 'discarded', 'duplicate'))`);
    await q.query(`ALTER TABLE operation
      ADD COLUMN replay_of uuid REFERENCES operation (id) ON DELETE SET NULL,
      ADD COLUMN resume_from_step integer,
      ADD COLUMN duplicate_of uuid REFERENCES operation (id) ON DELETE SET NULL,
      ADD COLUMN dedup_key text`);
    await q.query(`CREATE INDEX operation_replay_of_idx ON operation (replay_of) WHERE replay_of IS NOT NULL`);
    await q.query(
      `CREATE INDEX operation_dedup_idx ON operation (processing_id, dedup_key, received_at DESC) WHERE dedup_key IS NOT NULL`,
    );
    await q.query(`DROP INDEX operation_unfinished_idx`);
    await q.query(
      `CREATE INDEX operation_unfinished_idx ON operation (received_at) WHERE status IN ('queued', 'running', 'retrying')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX operation_unfinished_idx`);
    await q.query(`CREATE INDEX operation_unfinished_idx ON operation (received_at) WHERE status IN ('queued', 'running')`);
    await q.query(`DROP INDEX operation_dedup_idx`);
    await q.query(`DROP INDEX operation_replay_of_idx`);
    await q.query(`ALTER TABLE operation DROP COLUMN dedup_key, DROP COLUMN duplicate_of, DROP COLUMN resume_from_step, DROP COLUMN replay_of`);
    await q.query(`UPDATE operation SET status = 'queued' WHERE status = 'retrying'`);
    await q.query(`ALTER TABLE operation DROP CONSTRAINT operation_status_check`);
    await q.query(`ALTER TABLE operation ADD CONSTRAINT operation_status_check
      CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held', 'discarded', 'duplicate'))`);
    await q.query(`ALTER TABLE processing DROP COLUMN alert_recipients`);
  }
}
