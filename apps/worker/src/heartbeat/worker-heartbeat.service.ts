import { PROVOD_CONFIG, REDIS, WORKER_BEAT_MS, WorkerRegistry, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { hostname } from 'node:os';
import { LOGGER, type Logger } from '../logger';

/**
 * Each worker process beats in Redis every few seconds, so the API's health check can tell "no
 * worker is running" apart from "the queue is merely empty", and a worker that died (no goodbye)
 * apart from one that stopped.
 */
@Injectable()
export class WorkerHeartbeat implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly registry: WorkerRegistry;
  private readonly workerId = `${hostname()}:${process.pid}`;
  private readonly startedAt = new Date().toISOString();

  constructor(
    @Inject(REDIS) redis: IORedis,
    @Inject(PROVOD_CONFIG) config: ProvodConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.registry = new WorkerRegistry(redis, config.QUEUE_PREFIX);
  }

  onModuleInit(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), WORKER_BEAT_MS);
  }

  private async beat(): Promise<void> {
    try {
      await this.registry.beat(this.workerId, { startedAt: this.startedAt, pid: process.pid });
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'heartbeat not written: Redis unavailable');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.registry.leave(this.workerId).catch(() => undefined);
  }
}
