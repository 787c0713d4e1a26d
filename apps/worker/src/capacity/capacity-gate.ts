import { capacityKeys, runScript, type CapacityKeys } from '@provod/data';
import type IORedis from 'ioredis';

// A counting semaphore per gate, in Redis so every worker process shares it. Holders carry a lease
// (Redis clock) that the running worker renews; a killed worker's slots come back when it runs out.
// Whoever cannot get a slot joins the gate's waiters, oldest first; a freed slot is handed to the
// oldest waiter right away (it stays counted, so a newcomer cannot overtake the queue).

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// Hands free slots to the oldest waiters; returns who got one. Expects KEYS 1-4 and `now`, `grantMs`,
// `gate` set.
const HAND_ON = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local limit = tonumber(redis.call('GET', KEYS[3]) or '1')
local granted = {}
while redis.call('ZCARD', KEYS[1]) < limit do
  local popped = redis.call('ZPOPMIN', KEYS[2])
  if #popped == 0 then break end
  redis.call('ZADD', KEYS[1], now + grantMs, popped[1])
  granted[#granted + 1] = popped[1]
end
if #granted > 0 then redis.call('PEXPIRE', KEYS[1], grantMs * 2) end
if redis.call('ZCARD', KEYS[2]) == 0 then redis.call('SREM', KEYS[4], gate) end
return granted
`;

// KEYS: holders, waiters, limit, waiting gates. ARGV: holder, limit, leaseMs, gate.
// Returns 1 when the holder has a slot (newly, or one handed to it while it waited), 0 when it waits.
const ACQUIRE = `${NOW}
local holder, limit, leaseMs, gate = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('SET', KEYS[3], limit, 'PX', 7 * 24 * 3600 * 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], holder) or redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + leaseMs, holder)
  redis.call('PEXPIRE', KEYS[1], leaseMs * 2)
  if redis.call('ZREM', KEYS[2], holder) == 1 and redis.call('ZCARD', KEYS[2]) == 0 then
    redis.call('SREM', KEYS[4], gate)
  end
  return 1
end
redis.call('ZADD', KEYS[2], 'NX', now, holder)
redis.call('SADD', KEYS[4], gate)
return 0
`;

// KEYS as above. ARGV: holder, grantMs, gate. Frees the holder's slot and hands it on.
const RELEASE = `${NOW}
local grantMs, gate = tonumber(ARGV[2]), ARGV[3]
redis.call('ZREM', KEYS[1], ARGV[1])
${HAND_ON}`;

// KEYS as above. ARGV: grantMs, gate. Hands on slots whose lease ran out (their worker died).
const PUMP = `${NOW}
local grantMs, gate = tonumber(ARGV[1]), ARGV[2]
${HAND_ON}`;

// KEYS: holders. ARGV: holder, leaseMs. 1 when renewed, 0 when the slot was already lost.
const RENEW = `${NOW}
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`;

// KEYS: holders. ARGV: holder. 1 when the holder has a live slot.
const HOLDS = `${NOW}
local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expires and tonumber(expires) > now then return 1 end
return 0
`;

/** One limited resource: a processing's events in flight, or the requests in flight to one host. */
export interface Gate {
  /** `processing:<id>` or `host:<host>` (see `capacityGateName`). */
  name: string;
  limit: number;
}

/** A slot held by a running operation; released exactly once. */
export interface HeldSlot {
  /** Never rejects: a slot that cannot be given back now comes back when its lease runs out. */
  release(): Promise<void>;
}

/**
 * A counting semaphore per gate across every worker process, with per-holder leases. Callers that
 * do not get a slot are queued in Redis and handed one, oldest first, as soon as a holder releases
 * or its lease runs out; `onGranted` then wakes their job.
 */
export class CapacityGate {
  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
    private readonly leaseMs: number,
    /** Called with the gate and the operation ids just handed a slot, so their jobs run now. */
    private readonly onGranted: (gate: string, holders: string[]) => Promise<void>,
    /** A lease could not be renewed or a slot given back: logged; the lease runs out by itself. */
    private readonly onTrouble: (what: 'renew' | 'release', gate: string, holder: string, error?: Error) => void,
  ) {}

  /** A slot, renewed until released; or null, with `holder` now waiting in line for one. */
  async tryAcquire(gate: Gate, holder: string): Promise<HeldSlot | null> {
    const keys = this.keys(gate.name);
    const got = (await runScript(this.redis, ACQUIRE, 4, ...keyList(keys), holder, String(gate.limit), String(this.leaseMs), gate.name)) as number;
    if (got !== 1) return null;
    return this.held(gate.name, keys, holder);
  }

  /** Whether `holder` has a slot now: one may have been handed to it while it was being parked. */
  async holds(gateName: string, holder: string): Promise<boolean> {
    return ((await runScript(this.redis, HOLDS, 1, this.keys(gateName).holders, holder)) as number) === 1;
  }

  /** Gives back a slot that was handed to `holder` but will not be used (its job is gone). */
  async giveBack(gateName: string, holder: string): Promise<void> {
    await this.release(gateName, holder);
  }

  /** Hands on the slots of holders whose lease ran out. */
  async pump(gateName: string): Promise<void> {
    const granted = (await runScript(this.redis, PUMP, 4, ...keyList(this.keys(gateName)), String(this.grantMs), gateName)) as string[];
    if (granted.length) await this.onGranted(gateName, granted);
  }

  private async release(gateName: string, holder: string): Promise<void> {
    const keys = this.keys(gateName);
    const granted = (await runScript(this.redis, RELEASE, 4, ...keyList(keys), holder, String(this.grantMs), gateName)) as string[];
    if (granted.length) await this.onGranted(gateName, granted);
  }

  private held(gateName: string, keys: CapacityKeys, holder: string): HeldSlot {
    const timer = setInterval(() => {
      runScript(this.redis, RENEW, 1, keys.holders, holder, String(this.leaseMs)).then(
        (renewed) => {
          if (renewed !== 1) this.onTrouble('renew', gateName, holder);
        },
        (error: Error) => this.onTrouble('renew', gateName, holder, error),
      );
    }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
    timer.unref();
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await this.release(gateName, holder).catch((error: Error) => this.onTrouble('release', gateName, holder, error));
      },
    };
  }

  /**
   * How long a slot handed to a waiter stays reserved for it: its job goes to the back of the queue,
   * behind whatever else waits, and must have time to be picked up.
   */
  private get grantMs(): number {
    return this.leaseMs * 2;
  }

  private keys(gateName: string): CapacityKeys {
    return capacityKeys(this.prefix, gateName);
  }
}

function keyList(keys: CapacityKeys): [string, string, string, string] {
  return [keys.holders, keys.waiters, keys.limit, keys.waitingGates];
}
