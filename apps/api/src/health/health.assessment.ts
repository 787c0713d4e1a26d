import type { Backlog, CapacityWaiting, WorkerCensus } from '@provod/data';

export type HealthStatus = 'ok' | 'degraded' | 'unavailable';

export interface HealthFacts {
  postgres: boolean;
  redis: boolean;
  backlog: Backlog | null;
  workers: WorkerCensus | null;
  maxWaitSeconds: number;
  /** Events parked at a processing's or destination host's concurrency limit. */
  capacity?: CapacityWaiting | null;
}

/**
 * `unavailable` when PostgreSQL or Redis does not answer (events cannot be stored or scheduled).
 * `degraded` when events are safe but not flowing as they should, with the reasons in words: an
 * event waits too long, an operation runs past its lease, a worker stopped beating, or nothing runs
 * the waiting events. The API takes events in all of these, so only `unavailable` is a 503.
 */
export function assessHealth(facts: HealthFacts): { status: HealthStatus; reasons: string[] } {
  const reasons: string[] = [];
  if (!facts.postgres) reasons.push('PostgreSQL does not answer');
  if (!facts.redis) reasons.push('Redis does not answer');
  if (reasons.length) return { status: 'unavailable', reasons };

  const { backlog, workers } = facts;
  if (backlog && workers && workers.alive === 0 && backlog.waiting > 0) {
    reasons.push(`${backlog.waiting} events wait and no worker is running`);
  }
  if (backlog?.oldestWaitingSeconds != null && backlog.oldestWaitingSeconds > facts.maxWaitSeconds) {
    reasons.push(`the oldest waiting event has waited ${Math.round(backlog.oldestWaitingSeconds)} s (more than ${facts.maxWaitSeconds} s)`);
    // Often the why: a slow or dead destination whose events queue for their share of the workers.
    const capacity = facts.capacity;
    if (capacity && capacity.waiting > 0) {
      const n = capacity.gatesWaiting;
      reasons.push(`${capacity.waiting} events wait for a free slot: ${n} processing or destination-host limit${n === 1 ? '' : 's'} reached`);
    }
  }
  if (backlog && backlog.pastLease > 0) {
    reasons.push(`${backlog.pastLease} operations run past their lease (their worker stopped)`);
  }
  if (workers && workers.gone.length > 0) {
    reasons.push(`${workers.gone.length} worker${workers.gone.length === 1 ? '' : 's'} stopped without shutting down: ${workers.gone.join(', ')}`);
  }
  return { status: reasons.length ? 'degraded' : 'ok', reasons };
}
