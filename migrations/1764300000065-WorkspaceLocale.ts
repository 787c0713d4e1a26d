import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each workspace says which language its alert e-mails are written in and which time zone their
 * times are shown in. The people Provod is built for are in Russia: Russian and Moscow time unless
 * chosen otherwise. The installation's first workspace was seeded as "Default"; it gets a name its
 * Russian-speaking owner would give it.
 */
export class WorkspaceLocale1764300000065 implements MigrationInterface {
  name = 'WorkspaceLocale1764300000065';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workspace ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Moscow'`);
    await q.query(
      `ALTER TABLE workspace ADD COLUMN language text NOT NULL DEFAULT 'ru' CONSTRAINT workspace_language_check CHECK (language IN ('ru', 'en'))`,
    );
    await q.query(`UPDATE workspace SET name = 'Моя компания' WHERE id = '00000000-0000-4000-8000-000000000001' AND name = 'Default'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE workspace SET name = 'Default' WHERE id = '00000000-0000-4000-8000-000000000001' AND name = 'Моя компания'`);
    await q.query(`ALTER TABLE workspace DROP COLUMN language`);
    await q.query(`ALTER TABLE workspace DROP COLUMN time_zone`);
  }
}
