import type IORedis from 'ioredis';
import { workerHeartbeatKey } from './queues';
import { runScript } from './redis-script';

/** How often a worker process says it is alive. */
export const WORKER_BEAT_MS = 3_000;
/** A worker silent this long is dead: within 10 s of its last beat it leaves the alive count. */
export const WORKER_SILENT_AFTER_MS = 9_000;
/** A dead worker is reported as gone for this long, long enough for a monitor to notice, then forgotten. */
export const WORKER_GONE_KEPT_MS = 2 * 60_000;

// Redis's own clock, so workers and the API on different hosts agree on what "recent" means.
const BEAT = `local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], t[1] * 1000 + math.floor(t[2] / 1000), ARGV[1])
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
return 1`;
const CENSUS = `local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
local alive = redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[1])), 'LIMIT', 0, 100)
return { alive, gone }`;

export interface WorkerCensus {
  alive: number;
  /** Workers that stopped beating without saying goodbye (killed, frozen, cut off) in the last 2 minutes. */
  gone: string[];
}

/**
 * Worker processes in one sorted set, scored by their last beat. A worker that shuts down cleanly
 * leaves it; one that dies stays, silent, so health can say a worker is gone instead of merely
 * counting fewer.
 */
export class WorkerRegistry {
  private readonly key: string;

  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
  ) {
    this.key = `${prefix}:workers`;
  }

  /** Records a beat in the registry and renews the worker's own key, which carries `details`. */
  async beat(workerId: string, details: Record<string, unknown>): Promise<void> {
    const value = JSON.stringify({ ...details, beatAt: new Date().toISOString() });
    await runScript(this.redis, BEAT, 2, this.key, workerHeartbeatKey(this.prefix, workerId), workerId, value, WORKER_SILENT_AFTER_MS);
  }

  async leave(workerId: string): Promise<void> {
    await this.redis.multi().zrem(this.key, workerId).del(workerHeartbeatKey(this.prefix, workerId)).exec();
  }

  async census(): Promise<WorkerCensus> {
    const [alive, gone] = (await runScript(this.redis, CENSUS, 1, this.key, WORKER_SILENT_AFTER_MS, WORKER_GONE_KEPT_MS)) as [number, string[]];
    return { alive, gone };
  }
}
