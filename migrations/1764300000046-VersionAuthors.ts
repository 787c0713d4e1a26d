import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who saved each processing version. The user id links to the account while it exists; the
 * e-mail and name are copied at save time, so the history still reads after the user is removed.
 * A restore is a new version, and says which one it copied.
 */
export class VersionAuthors1764300000046 implements MigrationInterface {
  name = 'VersionAuthors1764300000046';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE processing_version
        ADD COLUMN saved_by uuid REFERENCES app_user (id) ON DELETE SET NULL,
        ADD COLUMN saved_by_email text,
        ADD COLUMN saved_by_name text,
        ADD COLUMN restored_from integer`);
    // Removing a user sets saved_by to null here: without the index that is a scan of every version.
    await q.query(`CREATE INDEX processing_version_saved_by_idx ON processing_version (saved_by) WHERE saved_by IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX processing_version_saved_by_idx`);
    await q.query(`
      ALTER TABLE processing_version
        DROP COLUMN restored_from, DROP COLUMN saved_by_name, DROP COLUMN saved_by_email, DROP COLUMN saved_by`);
  }
}
