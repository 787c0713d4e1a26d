import { OperationQueue, OperationsRepository, SystemRepository } from '@provod/data';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The API process's metrics: what webhooks it answered, plus the installation-wide gauges (queue,
 * backlog, alerts) read fresh at each scrape. A failing read leaves that gauge out of the scrape
 * instead of failing it, so a Redis outage still shows the API's own figures.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly webhooks = new Counter({
    name: 'provod_webhooks_received_total',
    help: 'Webhook requests answered, by result (stored, held, duplicate, refused) and HTTP status',
    labelNames: ['result', 'status'] as const,
    registers: [this.registry],
  });

  constructor(queue: OperationQueue, operations: OperationsRepository, system: SystemRepository) {
    collectDefaultMetrics({ register: this.registry, prefix: 'provod_api_' });
    new Gauge({
      name: 'provod_queue_jobs',
      help: 'Operation jobs in the queue, by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queue.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
    const backlog = () => operations.backlog();
    new Gauge({
      name: 'provod_operations_waiting',
      help: 'Operations stored and waiting for a worker',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).waiting);
      },
    });
    new Gauge({
      name: 'provod_oldest_waiting_seconds',
      help: 'Age of the oldest operation waiting for a worker (0 when none waits)',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).oldestWaitingSeconds ?? 0);
      },
    });
    new Gauge({
      name: 'provod_alerts',
      help: 'Alert e-mails by state: pending (including being sent), sent, failed (given up)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        for (const [state, n] of Object.entries(await system.alertCounts())) this.set({ state }, n);
      },
    });
  }
}
