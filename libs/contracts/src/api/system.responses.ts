/** GET /api/system (owners only): who works, what waits, what gave up, and how mail fares. */

export interface WorkerProcess {
  id: string;
  pid: number | null;
  startedAt: string | null;
  lastBeatAt: string | null;
  expiresInMs: number;
}

/** An operation the queue gave up on (its attempts ran out on a system error), to be put back in line. */
export interface GivenUpOperation {
  id: string;
  processingId: string;
  processingName: string;
  receivedAt: string;
  finishedAt: string | null;
  attempts: number;
  reason: string;
}

/** One limit of this workspace that is in use: a processing of its own, or a host its steps call. */
export interface CapacityRow {
  kind: 'processing' | 'host';
  /** The processing's name, or the host (`host[:port]`). */
  name: string;
  processingId?: string;
  inFlight: number;
  waiting: number;
  limit: number;
}

export interface SystemOverview {
  workers: WorkerProcess[];
  /** Jobs by queue state: waiting, active, delayed, failed, prioritized, waiting-children. */
  queue: Record<string, number>;
  /** `pastLease`: running or retrying operations whose worker stopped renewing them. */
  backlog: { waiting: number; oldestWaitingSeconds: number | null; pastLease: number };
  database: { sizeBytes: number };
  givenUp: GivenUpOperation[];
  mail: { configured: boolean; pending: number; lastSentAt: string | null; lastError: { at: string; message: string } | null };
  /** This workspace's processings and the hosts its steps call, where events are in flight or wait for a slot. */
  capacity: CapacityRow[];
}

/** POST /api/system/operations/:id/retry: the operation is back in line. */
export interface RequeuedOperation {
  id: string;
  status: 'queued';
}
