import { PROVOD_CONFIG, REDIS, waitingGatesKey, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { LOGGER, type Logger } from '../logger';
import { CapacityGate } from './capacity-gate';
import { CAPACITY_GATE, SWEEP_INTERVAL_MS } from './capacity.tokens';

/**
 * A slot whose holder died is freed when its lease runs out, but no release hands it on then. Every
 * worker looks, every few seconds, at the gates that have someone waiting and hands such slots on.
 */
@Injectable()
export class CapacitySweeper implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(CAPACITY_GATE) private readonly gate: CapacityGate,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweepOnce(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async sweepOnce(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const gates = await this.redis.smembers(waitingGatesKey(this.config.QUEUE_PREFIX));
      for (const gate of gates) await this.gate.pump(gate);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not hand on expired capacity slots; will try again');
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
