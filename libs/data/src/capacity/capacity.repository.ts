import { processingConcurrency, type WebhookSource } from '@provod/contracts';
import type { DataSource } from 'typeorm';

/** Which processing an operation belongs to, and how many of its events may run at once. */
export interface OperationGateTarget {
  processingId: string;
  concurrency: number;
}

/** The SQL the capacity limits need: who an operation belongs to, and handing a claimed one back. */
export class CapacityRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Read before the operation is claimed, from the processing's live row: a limit changed in the
   * editor applies to the very next event. Null when the operation is gone.
   */
  async gateTargetOf(operationId: string): Promise<OperationGateTarget | null> {
    const [row] = (await this.db.query(
      `SELECT o.processing_id, p.source -> 'concurrency' AS concurrency
       FROM operation o JOIN processing p ON p.id = o.processing_id
       WHERE o.id = $1`,
      [operationId],
    )) as { processing_id: string; concurrency: WebhookSource['concurrency'] | null }[];
    if (!row) return null;
    return { processingId: row.processing_id, concurrency: processingConcurrency({ concurrency: row.concurrency ?? undefined }) };
  }

  /**
   * A claimed operation found its destination full before sending anything: it goes back to
   * `queued` (the reconciler looks after queued rows whose job is lost) and the claim is not counted
   * as an attempt. Steps recorded so far stay. The request marked as on its way never left, so
   * the next try must not count it as interrupted.
   */
  async returnToQueue(operationId: string): Promise<void> {
    await this.db.query(
      `UPDATE operation SET status = 'queued', lease_until = NULL, attempts = GREATEST(attempts - 1, 0), step_in_flight = NULL
       WHERE id = $1 AND status = 'running'`,
      [operationId],
    );
  }
}
