import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764300000000 implements MigrationInterface {
  name = 'InitialSchema1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workspace (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Until accounts exist every row belongs to this workspace; the id is fixed so that
    // configuration and tests can name it.
    await q.query(`INSERT INTO workspace (id, name) VALUES ('00000000-0000-4000-8000-000000000001', 'Default')`);

    await q.query(`
      CREATE TABLE processing (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        name text NOT NULL,
        status text NOT NULL DEFAULT 'stopped' CONSTRAINT processing_status_check CHECK (status IN ('running', 'stopped')),
        webhook_token text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        source jsonb NOT NULL,
        actions jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processing_webhook_token_key UNIQUE (webhook_token)
      )`);
    await q.query(`CREATE INDEX processing_workspace_idx ON processing (workspace_id, created_at DESC)`);

    // Every saved definition is kept, so an operation always runs (and can be replayed) with the
    // exact version it was received under.
    await q.query(`
      CREATE TABLE processing_version (
        processing_id uuid NOT NULL REFERENCES processing (id) ON DELETE CASCADE,
        version integer NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        source jsonb NOT NULL,
        actions jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT processing_version_pkey PRIMARY KEY (processing_id, version)
      )`);

    await q.query(`
      CREATE TABLE operation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        processing_id uuid NOT NULL REFERENCES processing (id) ON DELETE CASCADE,
        processing_version integer NOT NULL,
        status text NOT NULL CONSTRAINT operation_status_check
          CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held', 'discarded', 'duplicate')),
        received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        started_at timestamptz,
        finished_at timestamptz,
        lease_until timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        request jsonb NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        steps jsonb NOT NULL DEFAULT '[]',
        error jsonb
      )`);
    // History: newest first per processing, optionally by status; (received_at, id) is the keyset.
    await q.query(`CREATE INDEX operation_processing_received_idx ON operation (processing_id, received_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX operation_processing_status_received_idx ON operation (processing_id, status, received_at DESC, id DESC)`,
    );
    // The reconciler only ever looks at unfinished work, which is a tiny part of the table.
    await q.query(
      `CREATE INDEX operation_unfinished_idx ON operation (received_at) WHERE status IN ('queued', 'running')`,
    );
    // "Find every operation for r_id 61".
    await q.query(`CREATE INDEX operation_params_idx ON operation USING gin (params jsonb_path_ops)`);

    await q.query(`
      CREATE TABLE secret (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        name text NOT NULL,
        value_encrypted bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT secret_workspace_name_key UNIQUE (workspace_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE secret`);
    await q.query(`DROP TABLE operation`);
    await q.query(`DROP TABLE processing_version`);
    await q.query(`DROP TABLE processing`);
    await q.query(`DROP TABLE workspace`);
  }
}
