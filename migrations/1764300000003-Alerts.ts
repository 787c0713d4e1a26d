import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mail alerts: each message to send is a row, and each processing has a small throttling state. */
export class Alerts1764300000003 implements MigrationInterface {
  name = 'Alerts1764300000003';

  async up(q: QueryRunner): Promise<void> {
    // The row is the message's record: queue jobs carry only its id, so an alert survives Redis
    // losing its jobs and is sent once SMTP answers again. Operations are referenced without a
    // foreign key: an alert is about an event, and the sender copes with one that is gone.
    await q.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        processing_id uuid NOT NULL REFERENCES processing (id) ON DELETE CASCADE,
        kind text NOT NULL CONSTRAINT alert_kind_check CHECK (kind IN ('failure', 'digest', 'recovered')),
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT alert_status_check CHECK (status IN ('pending', 'sending', 'sent', 'skipped')),
        first_operation_id uuid,
        last_operation_id uuid,
        failure_count integer NOT NULL DEFAULT 1,
        window_started_at timestamptz,
        window_end timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        claimed_until timestamptz,
        sent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The sweeper only ever looks at unsent alerts, a tiny part of the table.
    await q.query(`CREATE INDEX alert_unsent_idx ON alert (created_at) WHERE status IN ('pending', 'sending')`);
    await q.query(`CREATE INDEX alert_processing_idx ON alert (processing_id, created_at DESC)`);

    // One row per processing that ever failed. `failing` ends with the first success (the streak);
    // the window is what throttles: it opens with an immediate alert and closes with the digest.
    await q.query(`
      CREATE TABLE alert_state (
        processing_id uuid PRIMARY KEY REFERENCES processing (id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
        failing boolean NOT NULL DEFAULT false,
        streak_started_at timestamptz,
        streak_failures integer NOT NULL DEFAULT 0,
        window_started_at timestamptz,
        window_end timestamptz,
        window_first_operation_id uuid,
        digest_alert_id uuid,
        recovered_in_window boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_state_failing_idx ON alert_state (processing_id) WHERE failing`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alert_state`);
    await q.query(`DROP TABLE alert`);
  }
}
