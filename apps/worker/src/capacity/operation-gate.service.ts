import { CapacityRepository, capacityGateName, isDatabaseUnavailable, jobProcessingId, PROVOD_CONFIG, type OperationJob, type ProvodConfig } from '@provod/data';
import { Inject, Injectable } from '@nestjs/common';
import { LruCache } from '@provod/engine';
import { DelayedError, type Job } from 'bullmq';
import { LOGGER, type Logger } from '../logger';
import { CapacityGate, type Gate, type HeldSlot } from './capacity-gate';
import { CAPACITY_GATE, parkSafetyDelayMs } from './capacity.tokens';
import { FirstHostCache } from './first-host.cache';
import { GateTargetCache } from './gate-target.cache';
import { operationContext, type OperationContext } from './operation-context';
import { isWaitForCapacity } from './wait-for-capacity.error';

const FULL_LOG_INTERVAL_MS = 60_000;

/**
 * How long a run waits in place for a slot of its full processing before its job is parked. A slot
 * freed in this process goes to the run waiting here longest (CapacityGate.awaitSlot): parking a job
 * and waking it again costs about six Redis scripts, and its slot is idle until a worker picks the
 * woken job up; under a one-processing burst every event paid that. Long
 * enough for a line of waiters three or four times the limit deep at a processing whose events take
 * up to a quarter of a second; a slower one's waiters give up and park (SLOW_GATE_PARKS_FOR_MS).
 */
export const PROCESSING_SLOT_WAIT_MS = 1_000;
/**
 * After a wait in place at a gate ran out (its runs are slow), the next events of that gate park at
 * once for this long: the worker's slots must plough through to other processings' events, not sit
 * out a second each behind a slow one.
 */
export const SLOW_GATE_PARKS_FOR_MS = 1_000;

/**
 * Runs an operation's job only when its processing has a free slot, and parks it otherwise: the job
 * goes back to the delayed set (no worker slot, no attempt used) and is woken the moment a slot is
 * handed to it. The same happens when the run finds its destination host full. Before parking, a run
 * waits in place for a while (PROCESSING_SLOT_WAIT_MS) for a slot freed by a neighbour.
 */
@Injectable()
export class OperationGate {
  /** When each full gate was last logged; an LRU so gates of deleted processings age out. */
  private readonly fullSaidAt = new LruCache<string, number>(10_000);
  /** When a wait in place for each gate last ran out: see SLOW_GATE_PARKS_FOR_MS. */
  private readonly waitGaveUpAt = new LruCache<string, number>(10_000);

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(CAPACITY_GATE) private readonly gate: CapacityGate,
    @Inject(CapacityRepository) private readonly capacity: CapacityRepository,
    @Inject(GateTargetCache) private readonly targets: GateTargetCache,
    @Inject(FirstHostCache) private readonly firstHosts: FirstHostCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run<T>(job: Job<OperationJob>, token: string | undefined, work: () => Promise<T>): Promise<T> {
    const operationId = job.data.operationId;
    let target;
    try {
      target = await this.targets.targetOf(operationId, jobProcessingId(job.data));
    } catch (error) {
      // The runner turns a database outage into a wait that uses up no attempt; let it. Its claim
      // fails the same way, so at most an event caught as the database comes back runs unlimited.
      if (isDatabaseUnavailable(error)) return work();
      throw error;
    }
    // Gone from the database: the runner says so and the job ends; nothing to limit.
    if (!target) return work();
    const gateName = capacityGateName('processing', target.processingId);
    const { slot: immediate, companion } = await this.acquire({ name: gateName, limit: target.concurrency }, operationId, target.processingId);
    const slot = immediate ?? (await this.waitInPlace(gateName, operationId));
    if (!slot) return this.park(job, token, gateName);
    const stopKeeping = this.keepLock(job, token);
    const context: OperationContext = { operationId, processingId: target.processingId, ...(companion ? { hostSlot: companion } : {}) };
    try {
      const result = await operationContext.run(context, work);
      this.targets.forget(operationId);
      return result;
    } catch (error) {
      if (!isWaitForCapacity(error)) throw error;
      // Given back before the job can be woken: its next run uses the same holder id, and must not
      // find this slot and then lose it to this release.
      await this.gate.releaseAll([slot, context.hostSlot]);
      // Nothing was sent: the claim is undone so history shows the operation waiting, not running.
      await this.capacity.returnToQueue(operationId).catch((e: Error) =>
        this.logger.warn({ operationId, err: e.message }, 'could not mark the operation queued again; it stays "running" until it runs'),
      );
      return this.park(job, token, error.gateName);
    } finally {
      stopKeeping();
      // The processing's slot and the last destination's, in one round trip (a no-op if given back above).
      void this.gate.releaseAll([slot, context.hostSlot]);
    }
  }

  /** The processing's slot, and the host its runs call first when that one is known and free. */
  private async acquire(gate: Gate, operationId: string, processingId: string): Promise<{ slot: HeldSlot | null; companion: HeldSlot | null }> {
    const firstHost = this.firstHosts.of(processingId);
    if (firstHost) return this.gate.tryAcquireWith(gate, operationId, firstHost);
    return { slot: await this.gate.tryAcquire(gate, operationId), companion: null };
  }

  /** A slot freed by a run of this process within PROCESSING_SLOT_WAIT_MS, unless the gate is slow. */
  private async waitInPlace(gateName: string, operationId: string): Promise<HeldSlot | null> {
    const now = Date.now();
    if ((this.waitGaveUpAt.get(gateName) ?? -Infinity) > now - SLOW_GATE_PARKS_FOR_MS) return null;
    const slot = await this.gate.awaitSlot(gateName, operationId, PROCESSING_SLOT_WAIT_MS);
    if (!slot) this.waitGaveUpAt.set(gateName, Date.now());
    return slot;
  }

  /**
   * BullMQ renews a job's lock by job id. A job woken moments after it was parked may start again in
   * this process before BullMQ has finished with the parked run, whose clean-up would then stop the
   * renewal meant for the new run; its lock would lapse mid-request and another worker would run it
   * too. So a run renews its own lock as well (a few Redis calls for a long request, none for a short one).
   */
  private keepLock(job: Job<OperationJob>, token: string | undefined): () => void {
    if (!token) return () => undefined;
    const timer = setInterval(() => {
      job.extendLock(token, this.config.JOB_LOCK_MS).catch((error: Error) =>
        this.logger.warn({ operationId: job.data.operationId, err: error.message }, 'could not renew the job lock'),
      );
    }, Math.max(500, Math.floor(this.config.JOB_LOCK_MS / 3)));
    timer.unref();
    return () => clearInterval(timer);
  }

  private async park(job: Job<OperationJob>, token: string | undefined, gateName: string): Promise<never> {
    const operationId = job.data.operationId;
    // The safety wake-up only matters if a hand-over was lost (a worker died between handing the
    // slot on and waking the job); normally the job is promoted as soon as a slot is its own.
    await job.moveToDelayed(Date.now() + parkSafetyDelayMs(), token);
    // A slot may have been handed over while the job was still active, when it could not be woken.
    if (await this.gate.holds(gateName, operationId)) await job.promote().catch(() => undefined);
    this.logger.debug({ operationId, gate: gateName }, 'waiting for a free slot');
    this.sayGateFull(gateName);
    throw new DelayedError();
  }

  /** Once a minute per gate at most: a slow destination must be visible in the log, not flood it. */
  private sayGateFull(gateName: string): void {
    const now = Date.now();
    if ((this.fullSaidAt.get(gateName) ?? 0) > now - FULL_LOG_INTERVAL_MS) return;
    this.fullSaidAt.set(gateName, now);
    this.logger.info({ gate: gateName }, 'at its concurrency limit: further events wait for a free slot without holding a worker');
  }
}
