import { AUTO_LIMIT_FAST_MS, AUTO_PROCESSING_CONCURRENCY } from '@provod/contracts';
import type { OperationGateTarget } from '@provod/data';
import { LruCache } from '@provod/engine';
import { Injectable } from '@nestjs/common';

/** Finished events that must be seen before a processing counts as fast. */
const FAST_AFTER_EVENTS = 5;
/** Without an event finishing for this long, what was learnt of a processing's pace is forgotten. */
const PACE_FORGOTTEN_MS = 60_000;
const MAX_PROCESSINGS = 10_000;

interface Pace {
  /** Events of the processing that finished in time, in a row, in this process. */
  fastInARow: number;
  lastFinishedAt: number;
  /** When each of its events running in this process started. */
  running: Map<symbol, number>;
}

/**
 * The limit a processing's events run under. One with a limit of its own keeps it. Without one it
 * gets the small default (DEFAULT_PROCESSING_CONCURRENCY), so a slow or dead destination holds few
 * worker slots, but while its events finish quickly it may run AUTO_PROCESSING_CONCURRENCY at once,
 * so a busy processing with a fast destination is not held to a handful. It falls back as soon as an
 * event finishes late or one running here passes AUTO_LIMIT_FAST_MS (each worker process judges for
 * itself, from what it runs).
 */
@Injectable()
export class ProcessingPace {
  private readonly paces = new LruCache<string, Pace>(MAX_PROCESSINGS);

  limitFor(target: OperationGateTarget, now = Date.now()): number {
    if (target.limitSet) return target.concurrency;
    const pace = this.paces.get(target.processingId);
    if (!pace || pace.fastInARow < FAST_AFTER_EVENTS || now - pace.lastFinishedAt > PACE_FORGOTTEN_MS) return target.concurrency;
    for (const startedAt of pace.running.values()) if (now - startedAt > AUTO_LIMIT_FAST_MS) return target.concurrency;
    return Math.max(target.concurrency, AUTO_PROCESSING_CONCURRENCY);
  }

  /**
   * An event of the processing starts running. Call the answer when it stops, however it stops;
   * `counts: false` for a run that stopped only to wait for a slot (it says nothing of the pace).
   */
  started(processingId: string, now = Date.now()): (counts: boolean, finishedAt?: number) => void {
    const pace = this.paceOf(processingId);
    const run = Symbol(processingId);
    pace.running.set(run, now);
    return (counts, finishedAt = Date.now()) => {
      pace.running.delete(run);
      if (!counts) return;
      pace.fastInARow = finishedAt - now <= AUTO_LIMIT_FAST_MS ? pace.fastInARow + 1 : 0;
      pace.lastFinishedAt = finishedAt;
    };
  }

  private paceOf(processingId: string): Pace {
    let pace = this.paces.get(processingId);
    if (!pace) {
      pace = { fastInARow: 0, lastFinishedAt: 0, running: new Map() };
      this.paces.set(processingId, pace);
    }
    return pace;
  }
}
