import { PROVOD_CONFIG, REDIS, workerHeartbeatKey, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type IORedis from 'ioredis';
import { hostname } from 'node:os';
import { LOGGER, type Logger } from '../logger';

const BEAT_MS = 5_000;

/**
 * Each worker process keeps a short-lived key in Redis, so the API's health check can tell
 * "no worker is running" apart from "the queue is merely empty".
 */
@Injectable()
export class WorkerHeartbeat implements OnModuleInit, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private readonly key: string;
  private readonly startedAt = new Date().toISOString();

  constructor(
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(PROVOD_CONFIG) config: ProvodConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.key = workerHeartbeatKey(config.QUEUE_PREFIX, `${hostname()}:${process.pid}`);
  }

  onModuleInit(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), BEAT_MS);
  }

  private async beat(): Promise<void> {
    try {
      await this.redis.set(this.key, JSON.stringify({ startedAt: this.startedAt, pid: process.pid }), 'PX', BEAT_MS * 3);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'heartbeat not written: Redis unavailable');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.redis.del(this.key).catch(() => undefined);
  }
}
