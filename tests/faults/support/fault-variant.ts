/**
 * The two sizes of the fault suite. The short one runs in `npm test` (small loads, a 15 s outage,
 * queue and lease timings shortened so recovery fits in CI time); the long one (`npm run test:faults`,
 * FAULTS_LONG=1) uses bigger loads, a 150 s outage, more kills and the production timings.
 */
export interface FaultVariant {
  name: 'short' | 'long';
  /** Webhooks per second the load driver sends to the processing under test. */
  rate: number;
  /**
   * Webhooks per second to a healthy processing whose latency is measured beside a slow destination or a
   * hostile event: below what one processing's default concurrency drains, so the figure shows the fault
   * and not a backlog of its own.
   */
  measuredRate: number;
  /** Seconds of load around each fault. */
  loadSeconds: number;
  workerKills: number;
  postgresOutageSeconds: number;
  /** Seconds the 20 s destination stays slow while the healthy processing is measured. */
  slowWindowSeconds: number;
  /** How long a case waits for every acknowledged event to be delivered before it counts what is missing. */
  settleTimeoutMs: number;
  /** Worker and API settings (besides connections); empty means Provod's defaults. */
  timing: Record<string, string>;
  /** Jest timeout of one case. */
  caseTimeoutMs: number;
}

const short: FaultVariant = {
  name: 'short',
  rate: 8,
  measuredRate: 8,
  loadSeconds: 6,
  workerKills: 3,
  postgresOutageSeconds: 15,
  slowWindowSeconds: 6,
  settleTimeoutMs: 90_000,
  timing: {
    JOB_LOCK_MS: '5000',
    JOB_STALLED_CHECK_MS: '2000',
    OPERATION_LEASE_MS: '10000',
    RECONCILE_INTERVAL_MS: '1000',
    RECONCILE_QUEUED_AFTER_MS: '3000',
  },
  caseTimeoutMs: 240_000,
};

const long: FaultVariant = {
  name: 'long',
  rate: 15,
  measuredRate: 8,
  loadSeconds: 30,
  workerKills: 6,
  postgresOutageSeconds: 150,
  slowWindowSeconds: 30,
  settleTimeoutMs: 600_000,
  timing: {},
  caseTimeoutMs: 1_500_000,
};

export const variant: FaultVariant = process.env.FAULTS_LONG === '1' ? long : short;
