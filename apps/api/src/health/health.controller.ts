import { OperationsRepository, PROVOD_CONFIG, REDIS, workerHeartbeatKey, type ProvodConfig } from '@provod/data';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator';

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 2 s')), 2_000))]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** Really asks PostgreSQL and Redis: a green health check with either down is worse than none. */
@ApiTags('health')
@Public()
@Controller('api/health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
  ) {}

  /** Worker processes whose heartbeat key has not expired. */
  private async aliveWorkers(): Promise<number> {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', workerHeartbeatKey(this.config.QUEUE_PREFIX, '*'), 'COUNT', 100);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  @Get()
  async check(@Res({ passthrough: true }) res: Response) {
    const [postgres, redis] = await Promise.all([probe(() => this.db.query('SELECT 1')), probe(() => this.redis.ping())]);
    const backlog = postgres.ok ? await this.operations.backlog().catch(() => null) : null;
    const workers = redis.ok ? await this.aliveWorkers().catch(() => null) : null;
    const ok = postgres.ok && redis.ok;
    res.status(ok ? 200 : 503);
    // The API can take events without a worker (they wait safely), so that is "degraded", not down.
    const status = !ok ? 'unavailable' : workers === 0 && (backlog?.waiting ?? 0) > 0 ? 'degraded' : 'ok';
    return { status, postgres, redis, workers: { alive: workers }, backlog };
  }
}
