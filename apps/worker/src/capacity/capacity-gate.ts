import { capacityKeys, runScript, type CapacityKeys } from '@provod/data';
import type IORedis from 'ioredis';

// A counting semaphore per gate, in Redis so every worker process shares it. Holders carry a lease
// (Redis clock) that the running worker renews; a killed worker's slots come back when it runs out.
// Whoever cannot get a slot joins the gate's waiters, oldest first; a freed slot is handed to the
// oldest waiter right away (it stays counted, so a newcomer cannot overtake the queue). The one
// exception: a holder waiting in place in the releasing process takes the slot first (see handOn).

// Lua helpers shared by the scripts below. A gate's four keys are passed as KEYS[base+1 .. base+4]:
// holders, waiters, limit, waiting gates.
const LIB = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

-- Hands free slots to the oldest waiters; returns who got one. \`preferred\` (or ''), a waiter that
-- waits in place in the releasing process, goes first: it runs at once, where a parked job would
-- have to be woken and picked up, and one waiting in another process would have to look. Unless the
-- oldest waiter has waited over 200 ms: then the line's order holds, so that another process's
-- waiters are not passed over until they give up (and park everything behind them).
local function handOn(base, gate, grantMs, preferred)
  local holders, waiters, limitKey, waiting = KEYS[base + 1], KEYS[base + 2], KEYS[base + 3], KEYS[base + 4]
  redis.call('ZREMRANGEBYSCORE', holders, '-inf', now)
  local limit = tonumber(redis.call('GET', limitKey) or '1')
  local granted = {}
  local oldest = redis.call('ZRANGE', waiters, 0, 0, 'WITHSCORES')
  local lineMoves = #oldest == 0 or now - tonumber(oldest[2]) < 200
  if lineMoves and preferred and preferred ~= '' and redis.call('ZCARD', holders) < limit and redis.call('ZREM', waiters, preferred) == 1 then
    redis.call('ZADD', holders, now + grantMs, preferred)
    granted[1] = preferred
  end
  while redis.call('ZCARD', holders) < limit do
    local popped = redis.call('ZPOPMIN', waiters)
    if #popped == 0 then break end
    redis.call('ZADD', holders, now + grantMs, popped[1])
    granted[#granted + 1] = popped[1]
  end
  if #granted > 0 then redis.call('PEXPIRE', holders, grantMs * 2) end
  if redis.call('ZCARD', waiters) == 0 then redis.call('SREM', waiting, gate) end
  return granted
end

-- Frees the holder's slot and hands it on.
local function release(base, gate, holder, grantMs, preferred)
  redis.call('ZREM', KEYS[base + 1], holder)
  return handOn(base, gate, grantMs, preferred)
end

-- 1 when the holder has a slot (newly, or one handed to it while it waited), 0 when it now waits
-- (or, with \`joinLine\` false, when it does not wait either).
local function acquire(base, gate, holder, limit, leaseMs, joinLine)
  local holders, waiters, limitKey, waiting = KEYS[base + 1], KEYS[base + 2], KEYS[base + 3], KEYS[base + 4]
  redis.call('SET', limitKey, limit, 'PX', 7 * 24 * 3600 * 1000)
  redis.call('ZREMRANGEBYSCORE', holders, '-inf', now)
  if redis.call('ZSCORE', holders, holder) or redis.call('ZCARD', holders) < limit then
    redis.call('ZADD', holders, now + leaseMs, holder)
    redis.call('PEXPIRE', holders, leaseMs * 2)
    if redis.call('ZREM', waiters, holder) == 1 and redis.call('ZCARD', waiters) == 0 then
      redis.call('SREM', waiting, gate)
    end
    return 1
  end
  if joinLine == false then return 0 end
  redis.call('ZADD', waiters, 'NX', now, holder)
  redis.call('SADD', waiting, gate)
  return 0
end
`;

// KEYS: the gate's four. ARGV: holder, limit, leaseMs, gate, then optionally grantMs, the name of a
// gate whose slot the holder gives up first (KEYS 5-8) and who waits for that one here (or ''):
// moving on from one destination to the next costs one round trip. Returns { got, holders handed the
// given-up slot }.
const ACQUIRE = `${LIB}
local granted = {}
if ARGV[6] then granted = release(4, ARGV[6], ARGV[1], tonumber(ARGV[5]), ARGV[7]) end
return { acquire(0, ARGV[4], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])), granted }
`;

// KEYS: the gate's four, then a companion gate's four. ARGV: holder, limit, leaseMs, gate, companion
// gate, companion limit. The companion's slot is taken too when the first was and it is free; the
// holder never waits in the companion's line. Returns { got, got companion }.
const ACQUIRE_WITH = `${LIB}
local got = acquire(0, ARGV[4], ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]))
local companion = 0
if got == 1 then companion = acquire(4, ARGV[5], ARGV[1], tonumber(ARGV[6]), tonumber(ARGV[3]), false) end
return { got, companion }
`;

// KEYS: four per gate. ARGV: holder, grantMs, then per gate its name and who waits for it here (or '').
// Frees the holder's slot in each and hands them on; returns { gate, holders handed its slot } for
// each gate that handed one on.
const RELEASE = `${LIB}
local result = {}
for i = 3, #ARGV, 2 do
  local granted = release((i - 3) * 2, ARGV[i], ARGV[1], tonumber(ARGV[2]), ARGV[i + 1])
  if #granted > 0 then result[#result + 1] = { ARGV[i], granted } end
end
return result
`;

// KEYS as for one gate. ARGV: grantMs, gate. Hands on slots whose lease ran out (their worker died).
const PUMP = `${LIB}
return handOn(0, ARGV[2], tonumber(ARGV[1]), '')
`;

// KEYS: holders. ARGV: holder, leaseMs. 1 when renewed, 0 when the slot was already lost.
const RENEW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`;

// KEYS: holders. ARGV: holder. 1 when the holder has a live slot.
const HOLDS = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expires = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expires and tonumber(expires) > now then return 1 end
return 0
`;

/**
 * How often a holder waiting in place looks whether another process handed it a slot: that slot is
 * idle until it looks, so a long wait looks several times (one small script each).
 */
const HANDED_ELSEWHERE_LOOK_MS = 100;

/** One limited resource: a processing's events in flight, or the requests in flight to one host. */
export interface Gate {
  /** `processing:<id>` or `host:<host>` (see `capacityGateName`). */
  name: string;
  limit: number;
}

/** A slot held by a running operation; released exactly once. */
export interface HeldSlot {
  /** The gate it is a slot of. */
  readonly gateName: string;
  /** Never rejects: a slot that cannot be given back now comes back when its lease runs out. */
  release(): Promise<void>;
}

/** What the gate keeps of a slot it handed out: renewed until released, released once. */
class Slot implements HeldSlot {
  released = false;

  constructor(
    readonly gateName: string,
    readonly holder: string,
    private readonly renewal: NodeJS.Timeout,
    private readonly giveBack: (slots: Slot[]) => Promise<void>,
  ) {}

  /** Stops renewing; true the first time only, so a slot is handed back once. */
  letGo(): boolean {
    if (this.released) return false;
    this.released = true;
    clearInterval(this.renewal);
    return true;
  }

  release(): Promise<void> {
    return this.giveBack([this]);
  }
}

/**
 * A counting semaphore per gate across every worker process, with per-holder leases. Callers that
 * do not get a slot are queued in Redis and handed one, oldest first, as soon as a holder releases
 * or its lease runs out; `onGranted` then wakes their job.
 */
export class CapacityGate {
  /** Per gate, the holders waiting in this process for one of its slots, oldest first (see awaitSlot). */
  private readonly localWaiters = new Map<string, Map<string, () => void>>();

  constructor(
    private readonly redis: IORedis,
    private readonly prefix: string,
    private readonly leaseMs: number,
    /** Called with the gate and the operation ids just handed a slot, so their jobs run now. */
    private readonly onGranted: (gate: string, holders: string[]) => Promise<void>,
    /** A lease could not be renewed or a slot given back: logged; the lease runs out by itself. */
    private readonly onTrouble: (what: 'renew' | 'release', gate: string, holder: string, error?: Error) => void,
  ) {}

  /**
   * A slot, renewed until released; or null, with `holder` now waiting in line for one. `givingUp`,
   * a slot of another gate held by the same holder, is released in the same round trip, whether or
   * not the new one is free (waiting for one gate while holding another could deadlock).
   */
  async tryAcquire(gate: Gate, holder: string, givingUp?: HeldSlot): Promise<HeldSlot | null> {
    const previous = givingUp instanceof Slot && givingUp.letGo() ? givingUp : null;
    const args = [...keyList(this.keys(gate.name)), holder, String(gate.limit), String(this.leaseMs), gate.name];
    const script = previous
      ? runScript(this.redis, ACQUIRE, 8, ...args.slice(0, 4), ...keyList(this.keys(previous.gateName)), ...args.slice(4), String(this.grantMs), previous.gateName, this.oldestWaiterHere(previous.gateName))
      : runScript(this.redis, ACQUIRE, 4, ...args);
    let got: number;
    try {
      const [acquired, granted] = (await script) as [number, string[]];
      got = acquired;
      if (previous && granted.length) await this.handOn(previous.gateName, granted);
    } catch (error) {
      // The slot given up may still be counted: its lease runs out by itself.
      if (previous) this.onTrouble('release', previous.gateName, holder, error as Error);
      throw error;
    }
    if (got !== 1) return null;
    return this.held(gate.name, holder);
  }

  /**
   * `tryAcquire` of `gate`, and with it, in the same round trip, a slot of `companion` when that one
   * is free: the destination an operation is about to call, taken before it is needed. Without a
   * free companion slot nothing waits for it; the request takes its turn then (HostLimitedHttp).
   */
  async tryAcquireWith(gate: Gate, holder: string, companion: Gate): Promise<{ slot: HeldSlot | null; companion: HeldSlot | null }> {
    const keys = [...keyList(this.keys(gate.name)), ...keyList(this.keys(companion.name))];
    const [got, gotCompanion] = (await runScript(
      this.redis,
      ACQUIRE_WITH,
      8,
      ...keys,
      holder,
      String(gate.limit),
      String(this.leaseMs),
      gate.name,
      companion.name,
      String(companion.limit),
    )) as [number, number];
    if (got !== 1) return { slot: null, companion: null };
    return { slot: this.held(gate.name, holder), companion: gotCompanion === 1 ? this.held(companion.name, holder) : null };
  }

  /** How many holders wait in place in this process for a slot of `gateName` (see awaitSlot). */
  waitingHere(gateName: string): number {
    return this.localWaiters.get(gateName)?.size ?? 0;
  }

  private oldestWaiterHere(gateName: string): string {
    const waiters = this.localWaiters.get(gateName);
    return waiters ? (waiters.keys().next().value ?? '') : '';
  }

  /**
   * After `tryAcquire` answered null (the holder now waits in line): waits up to `ms` for a slot to be
   * handed to it, and answers that slot, or null. A slot freed in this process is handed over at once,
   * to the holder waiting here longest, ahead of older waiters whose jobs are parked; one freed
   * elsewhere is found by a look every HANDED_ELSEWHERE_LOOK_MS and at the end. Parking a job and
   * waking it again costs several writes to PostgreSQL and Redis; at a busy fast gate a slot comes
   * free within milliseconds.
   */
  async awaitSlot(gateName: string, holder: string, ms: number): Promise<HeldSlot | null> {
    let waiters = this.localWaiters.get(gateName);
    if (!waiters) this.localWaiters.set(gateName, (waiters = new Map()));
    let handed!: () => void;
    const wasHanded = new Promise<boolean>((resolve) => {
      handed = () => resolve(true);
      waiters.set(holder, handed);
    });
    const deadline = Date.now() + ms;
    let got = false;
    for (let left = ms; !got && left > 0; left = deadline - Date.now()) {
      let timer: NodeJS.Timeout | undefined;
      const pause = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.min(left, HANDED_ELSEWHERE_LOOK_MS));
      });
      got = await Promise.race([wasHanded, pause]);
      clearTimeout(timer);
      // A slot handed over by another process wakes nobody here (its job is not parked): look.
      if (!got && Date.now() < deadline) got = await this.holds(gateName, holder);
    }
    if (waiters.get(holder) === handed) waiters.delete(holder);
    if (!waiters.size && this.localWaiters.get(gateName) === waiters) this.localWaiters.delete(gateName);
    if (got || (await this.holds(gateName, holder))) return this.held(gateName, holder);
    return null;
  }

  /** Whether `holder` has a slot now: one may have been handed to it while it was being parked. */
  async holds(gateName: string, holder: string): Promise<boolean> {
    return ((await runScript(this.redis, HOLDS, 1, this.keys(gateName).holders, holder)) as number) === 1;
  }

  /** Gives back a slot that was handed to `holder` but will not be used (its job is gone). */
  async giveBack(gateName: string, holder: string): Promise<void> {
    await this.releaseInRedis([{ gateName, holder }]);
  }

  /** Gives back several slots (an operation's own and its destination's) in one round trip. Never rejects. */
  async releaseAll(slots: ReadonlyArray<HeldSlot | null | undefined>): Promise<void> {
    const letGo = slots.filter((slot): slot is Slot => slot instanceof Slot && slot.letGo());
    if (!letGo.length) return;
    await this.releaseInRedis(letGo).catch((error: Error) => {
      for (const slot of letGo) this.onTrouble('release', slot.gateName, slot.holder, error);
    });
  }

  /** Hands on the slots of holders whose lease ran out. */
  async pump(gateName: string): Promise<void> {
    const granted = (await runScript(this.redis, PUMP, 4, ...keyList(this.keys(gateName)), String(this.grantMs), gateName)) as string[];
    if (granted.length) await this.handOn(gateName, granted);
  }

  /** Slots just handed to waiters: one waiting here (awaitSlot) takes it at once, the others' jobs are woken. */
  private async handOn(gateName: string, holders: string[]): Promise<void> {
    const here = this.localWaiters.get(gateName);
    const elsewhere = holders.filter((holder) => {
      const waiter = here?.get(holder);
      if (!waiter) return true;
      here!.delete(holder);
      waiter();
      return false;
    });
    if (elsewhere.length) await this.onGranted(gateName, elsewhere);
  }

  /** One holder's slots in any number of gates, freed and handed on by one script. */
  private async releaseInRedis(slots: ReadonlyArray<{ gateName: string; holder: string }>): Promise<void> {
    const holder = slots[0]!.holder;
    const keys = slots.flatMap((slot) => keyList(this.keys(slot.gateName)));
    const gates = slots.flatMap((slot) => [slot.gateName, this.oldestWaiterHere(slot.gateName)]);
    const handed = (await runScript(this.redis, RELEASE, keys.length, ...keys, holder, String(this.grantMs), ...gates)) as Array<[string, string[]]>;
    for (const [gateName, granted] of handed) await this.handOn(gateName, granted);
  }

  private held(gateName: string, holder: string): HeldSlot {
    const holders = this.keys(gateName).holders;
    const timer = setInterval(() => {
      runScript(this.redis, RENEW, 1, holders, holder, String(this.leaseMs)).then(
        (renewed) => {
          if (renewed !== 1) this.onTrouble('renew', gateName, holder);
        },
        (error: Error) => this.onTrouble('renew', gateName, holder, error),
      );
    }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return new Slot(gateName, holder, timer, (slots) => this.releaseAll(slots));
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
