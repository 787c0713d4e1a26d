import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A running processing without actions "succeeded" every event doing nothing (a partial PUT could
 * leave one so). Stopped, its events are held for the user instead of silently thrown away; the
 * API no longer lets one start or stay running that way.
 */
export class StopEmptyProcessings1764300000032 implements MigrationInterface {
  name = 'StopEmptyProcessings1764300000032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE processing SET status = 'stopped', updated_at = now() WHERE status = 'running' AND jsonb_array_length(actions) = 0`);
  }

  async down(): Promise<void> {
    // Which processings were running is not kept, and starting an empty one again would be the bug itself.
  }
}
