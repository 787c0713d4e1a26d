import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History is pruned per workspace: finished operations older than `history_retention_days`, failed
 * ones older than `failed_retention_days` when the owner keeps them longer (null: the same age).
 */
export class HistoryRetention1764300000031 implements MigrationInterface {
  name = 'HistoryRetention1764300000031';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workspace
        ADD COLUMN history_retention_days integer NOT NULL DEFAULT 30
          CONSTRAINT workspace_history_retention_check CHECK (history_retention_days BETWEEN 1 AND 3650),
        ADD COLUMN failed_retention_days integer
          CONSTRAINT workspace_failed_retention_check CHECK (failed_retention_days BETWEEN 1 AND 3650),
        ADD CONSTRAINT workspace_failed_kept_longer_check CHECK (failed_retention_days >= history_retention_days)`);
    // Deleting an operation sets `duplicate_of` to NULL in its repeats (ON DELETE SET NULL): without
    // an index each deleted row would scan the whole table for them. `replay_of` has one already.
    await q.query(`CREATE INDEX operation_duplicate_of_idx ON operation (duplicate_of) WHERE duplicate_of IS NOT NULL`);
    // Pruning leaves dead rows behind a little at a time; by default autovacuum waits for 20 % of the
    // table to be dead before it makes the space reusable. 2 % keeps new rows filling freed pages.
    await q.query(`ALTER TABLE operation SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE operation RESET (autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor)`);
    await q.query(`DROP INDEX operation_duplicate_of_idx`);
    await q.query(`
      ALTER TABLE workspace
        DROP CONSTRAINT workspace_failed_kept_longer_check,
        DROP COLUMN failed_retention_days,
        DROP COLUMN history_retention_days`);
  }
}
