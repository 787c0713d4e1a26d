import { CapacityRepository, OperationQueue, PROVOD_CONFIG, REDIS, wakeToFront, type ProvodConfig } from '@provod/data';
import type { Provider } from '@nestjs/common';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { LOGGER, type Logger } from '../logger';
import { CapacityGate } from './capacity-gate';
import { CapacitySweeper } from './capacity-sweeper.service';
import { CAPACITY_GATE } from './capacity.tokens';
import { FirstHostCache } from './first-host.cache';
import { GateTargetCache } from './gate-target.cache';
import { OperationGate } from './operation-gate.service';

/**
 * Wakes the parked jobs that were just handed a slot, at the front of the queue (their slot is idle
 * until they run); a job that no longer exists gives its slot back.
 */
async function wakeJobs(redis: IORedis, queue: OperationQueue, gate: CapacityGate, gateName: string, operationIds: string[], logger: Logger): Promise<void> {
  for (const operationId of operationIds) {
    try {
      // "not delayed": the job is still being parked (it then sees its slot and wakes itself) or is
      // already waiting to run (it finds its slot when it does).
      if ((await wakeToFront(redis, queue.queue, operationId)) === 'gone') await gate.giveBack(gateName, operationId);
    } catch (error) {
      logger.warn({ operationId, gate: gateName, err: (error as Error).message }, 'could not wake a job handed a slot; it wakes by itself later');
    }
  }
}

function createCapacityGate(redis: IORedis, config: ProvodConfig, queue: OperationQueue, logger: Logger): CapacityGate {
  const gate: CapacityGate = new CapacityGate(
    redis,
    config.QUEUE_PREFIX,
    // A slot lives as long as a job's lock: if the worker died, both run out together.
    config.JOB_LOCK_MS,
    (gateName, operationIds) => wakeJobs(redis, queue, gate, gateName, operationIds, logger),
    (what, gateName, operationId, error) =>
      logger.warn(
        { operationId, gate: gateName, err: error?.message },
        what === 'renew' ? 'capacity slot lease not renewed; it may be handed to another event' : 'capacity slot not given back; its lease runs out by itself',
      ),
  );
  return gate;
}

/** Per-processing and per-host limits; spread into the worker module's providers. */
export const capacityProviders: Provider[] = [
  {
    provide: CAPACITY_GATE,
    useFactory: createCapacityGate,
    inject: [REDIS, PROVOD_CONFIG, OperationQueue, LOGGER],
  },
  { provide: CapacityRepository, useFactory: (db: DataSource) => new CapacityRepository(db), inject: [DataSource] },
  GateTargetCache,
  FirstHostCache,
  OperationGate,
  CapacitySweeper,
];
