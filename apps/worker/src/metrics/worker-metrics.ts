import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** HTTP status classes, so a label never takes one value per status code or per error text. */
export function statusClass(status: number | null): string {
  return status === null ? 'error' : `${Math.floor(status / 100)}xx`;
}

/**
 * What one worker process counts. Each process has its own registry and serves it on
 * WORKER_METRICS_PORT; Prometheus adds the processes up (the `instance` label tells them apart).
 */
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly operationsFinished = new Counter({
    name: 'provod_operations_finished_total',
    help: 'Operations this worker finished, by final status and processing',
    labelNames: ['status', 'processing_id'] as const,
    registers: [this.registry],
  });

  readonly stepDuration = new Histogram({
    name: 'provod_step_duration_seconds',
    help: 'Time one try of a step took, by action type and result',
    labelNames: ['action_type', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly httpCalls = new Counter({
    name: 'provod_http_calls_total',
    help: 'HTTP requests the HTTP request action sent, by destination host and status class (error: no answer)',
    labelNames: ['host', 'status_class'] as const,
    registers: [this.registry],
  });

  readonly reconcilerRequeued = new Counter({
    name: 'provod_reconciler_requeued_total',
    help: 'Operations the reconciler found committed but not queued (or past their lease) and queued again',
    registers: [this.registry],
  });

  readonly alertsSent = new Counter({
    name: 'provod_alerts_sent_total',
    help: 'Alert e-mails this worker tried to send, by result',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  /**
   * One run of an operation ended (finished, or a step will be retried): the operation's status when
   * final, and the duration of each step tried in this run (steps reused from earlier runs are not).
   */
  recordRun(processingId: string, status: string, final: boolean, steps: ReadonlyArray<{ type: string; status: string; startedAt: string; durationMs: number }>, runStartedAt: number): void {
    if (final) this.operationsFinished.inc({ status, processing_id: processingId });
    for (const step of steps) {
      if (Date.parse(step.startedAt) < runStartedAt) continue;
      this.stepDuration.observe({ action_type: step.type, result: step.status }, step.durationMs / 1000);
    }
  }

  constructor() {
    // CPU, memory, event-loop lag, handles: the process-level picture.
    collectDefaultMetrics({ register: this.registry, prefix: 'provod_worker_' });
  }
}
