import { OperationsRepository, PROVOD_CONFIG, readCapacityWaiting, REDIS, WorkerRegistry, type ProvodConfig } from '@provod/data';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';
import { assessHealth } from './health.assessment';

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 2 s')), 2_000);
      }),
    ]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Really asks PostgreSQL and Redis: a green health check with either down is worse than none. */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  private readonly workers: WorkerRegistry;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {
    this.workers = new WorkerRegistry(redis, config.QUEUE_PREFIX);
  }

  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const [postgres, redis] = await Promise.all([probe(() => this.db.query('SELECT 1')), probe(() => this.workers.census())]);
    const [backlog, workers, capacity] = await Promise.all([
      postgres.ok ? this.operations.backlog().catch(() => null) : null,
      redis.ok ? this.workers.census().catch(() => null) : null,
      // Events parked because their processing or destination host is at its limit.
      redis.ok ? readCapacityWaiting(this.redis, this.config.QUEUE_PREFIX).catch(() => null) : null,
    ]);
    const { status, reasons } = assessHealth({
      postgres: postgres.ok,
      redis: redis.ok,
      backlog,
      workers,
      maxWaitSeconds: this.config.HEALTH_MAX_WAIT_SECONDS,
      capacity,
    });
    res.status(status === 'unavailable' ? 503 : 200);
    // Counts only: the check answers anyone, and gate names tell whose destinations are slow.
    const waitingForCapacity = capacity ? { waiting: capacity.waiting, limitsReached: capacity.gatesWaiting } : null;
    return { status, reasons, postgres, redis, workers, backlog, capacity: waitingForCapacity };
  }
}
