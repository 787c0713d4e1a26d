import { readCapacityWaiting } from '@provod/data';
import IORedis from 'ioredis';
import { CapacityGate, type HeldSlot } from '../../apps/worker/src/capacity/capacity-gate';
import { testConfig, waitFor } from '../support/platform';

/** The Redis semaphore behind the per-processing and per-host limits, on the real Redis. */
describe('capacity gate', () => {
  const config = testConfig();
  const prefix = `${config.QUEUE_PREFIX}:gate-spec`;
  const connections: IORedis[] = [];
  const troubles: string[] = [];

  function gateWith(leaseMs = 10_000): { sut: CapacityGate; granted: string[]; redis: IORedis } {
    const redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 1 });
    connections.push(redis);
    const granted: string[] = [];
    const sut = new CapacityGate(
      redis,
      prefix,
      leaseMs,
      async (_gate, holders) => {
        granted.push(...holders);
      },
      (what, gate, holder) => troubles.push(`${what} ${gate} ${holder}`),
    );
    return { sut, granted, redis };
  }

  afterEach(async () => {
    const redis = new IORedis(config.REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });
  afterAll(() => connections.forEach((c) => c.disconnect()));

  it('admits up to the limit, queues the rest oldest first, and hands a freed slot to the oldest', async () => {
    const { sut, granted, redis } = gateWith();
    const gate = { name: 'processing:p1', limit: 2 };
    const a = await sut.tryAcquire(gate, 'a');
    const b = await sut.tryAcquire(gate, 'b');
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(await sut.tryAcquire(gate, 'c')).toBeNull();
    expect(await sut.tryAcquire(gate, 'd')).toBeNull();
    // Asking again keeps the place in line.
    expect(await sut.tryAcquire(gate, 'c')).toBeNull();
    expect(await readCapacityWaiting(redis, prefix)).toEqual({ waiting: 2, gatesWaiting: 1, gates: [{ gate: 'processing:p1', waiting: 2, inFlight: 2 }] });

    await a!.release();
    expect(granted).toEqual(['c']);
    // The slot stays counted for c: a newcomer cannot overtake d.
    expect(await sut.tryAcquire(gate, 'e')).toBeNull();
    expect(await sut.holds('processing:p1', 'c')).toBe(true);
    const c = await sut.tryAcquire(gate, 'c');
    expect(c).not.toBeNull();

    await b!.release();
    await c!.release();
    expect(granted).toEqual(['c', 'd', 'e']);
    expect((await readCapacityWaiting(redis, prefix)).waiting).toBe(0);
  });

  it('keeps processings and hosts apart', async () => {
    const { sut } = gateWith();
    expect(await sut.tryAcquire({ name: 'processing:p1', limit: 1 }, 'a')).not.toBeNull();
    expect(await sut.tryAcquire({ name: 'processing:p2', limit: 1 }, 'b')).not.toBeNull();
    expect(await sut.tryAcquire({ name: 'host:crm.example.com', limit: 1 }, 'a')).not.toBeNull();
    expect(await sut.tryAcquire({ name: 'processing:p1', limit: 1 }, 'c')).toBeNull();
  });

  it('takes a companion slot (the first destination) with the processing slot in one call, only when both are free, never queueing for it', async () => {
    const { sut, redis } = gateWith();
    const processing = { name: 'processing:p1', limit: 1 };
    const host = { name: 'host:crm.example.com', limit: 1 };
    const first = await sut.tryAcquireWith(processing, 'a', host);
    expect(first.slot?.gateName).toBe('processing:p1');
    expect(first.companion?.gateName).toBe('host:crm.example.com');
    // The processing is full: nothing of the host is taken, and the holder waits for the processing only.
    expect(await sut.tryAcquireWith(processing, 'b', host)).toEqual({ slot: null, companion: null });
    expect(await readCapacityWaiting(redis, prefix)).toEqual({ waiting: 1, gatesWaiting: 1, gates: [{ gate: 'processing:p1', waiting: 1, inFlight: 1 }] });
    // Another processing gets its own slot; the host's one is taken, so it goes without and waits in no line.
    const other = await sut.tryAcquireWith({ name: 'processing:p2', limit: 1 }, 'c', host);
    expect(other.slot).not.toBeNull();
    expect(other.companion).toBeNull();
    expect((await readCapacityWaiting(redis, prefix)).gates).toEqual([{ gate: 'processing:p1', waiting: 1, inFlight: 1 }]);
    // Both of a's slots go back in one call; the host's is free again.
    await sut.releaseAll([first.slot, first.companion]);
    expect(await sut.tryAcquire(host, 'c')).not.toBeNull();
  });

  it('gives up one gate while taking the next in one call, and hands the freed slot on', async () => {
    const { sut, granted } = gateWith();
    const uon = { name: 'host:api.u-on.ru', limit: 1 };
    const crm = { name: 'host:crm.example.com', limit: 1 };
    const first = await sut.tryAcquire(uon, 'a');
    expect(await sut.tryAcquire(uon, 'b')).toBeNull();
    // 'a' moves on from U-ON to the CRM: its U-ON slot goes to 'b', who waited.
    const next = await sut.tryAcquire(crm, 'a', first!);
    expect(next?.gateName).toBe(crm.name);
    expect(granted).toEqual(['b']);
    // Given up even when the next gate is full: waiting on one while holding another could deadlock.
    expect(await sut.tryAcquire(crm, 'c')).toBeNull();
    const bSlot = await sut.tryAcquire(uon, 'b');
    expect(await sut.tryAcquire(crm, 'b', bSlot!)).toBeNull();
    expect(await sut.tryAcquire(uon, 'd')).not.toBeNull();
    // A slot given up once is not given back again by a later release.
    await first!.release();
    expect(await sut.tryAcquire(uon, 'e')).toBeNull();
  });

  it('lets a holder wait in place for a slot: handed over at once when one frees here, null when none does in time', async () => {
    const { sut, granted } = gateWith();
    const gate = { name: 'host:crm.example.com', limit: 1 };
    const first = await sut.tryAcquire(gate, 'a');
    expect(await sut.tryAcquire(gate, 'b')).toBeNull();
    const waiting = sut.awaitSlot(gate.name, 'b', 10_000);
    await first!.release();
    const handed = await waiting;
    expect(handed?.gateName).toBe(gate.name);
    // Taken here, so no job had to be woken for it.
    expect(granted).toEqual([]);
    expect(await sut.holds(gate.name, 'b')).toBe(true);
    expect(await sut.tryAcquire(gate, 'c')).toBeNull();
    expect(await sut.awaitSlot(gate.name, 'c', 50)).toBeNull();
    // Still in line after the wait: the next free slot goes to 'c', through its job.
    await handed!.release();
    expect(granted).toEqual(['c']);
  });

  it('hands a slot freed here to the holder waiting here longest, ahead of older waiters whose jobs are parked', async () => {
    const { sut, granted } = gateWith();
    const gate = { name: 'processing:p1', limit: 1 };
    const first = await sut.tryAcquire(gate, 'a');
    // 'parked' joined the line first, then its job was parked: it waits in no process.
    expect(await sut.tryAcquire(gate, 'parked')).toBeNull();
    expect(await sut.tryAcquire(gate, 'b')).toBeNull();
    expect(await sut.tryAcquire(gate, 'c')).toBeNull();
    const bWaits = sut.awaitSlot(gate.name, 'b', 10_000);
    const cWaits = sut.awaitSlot(gate.name, 'c', 10_000);
    expect(sut.waitingHere(gate.name)).toBe(2);
    expect(sut.waitingHere('processing:p2')).toBe(0);

    await first!.release();
    const b = await bWaits;
    expect(b?.gateName).toBe(gate.name);
    expect(sut.waitingHere(gate.name)).toBe(1);
    await b!.release();
    const c = await cWaits;
    expect(c?.gateName).toBe(gate.name);
    expect(sut.waitingHere(gate.name)).toBe(0);
    // Nobody waits here any more: the line's order holds, and the parked job is woken.
    expect(granted).toEqual([]);
    await c!.release();
    expect(granted).toEqual(['parked']);
  });

  it('keeps the line in order once its oldest waiter has waited over 200 ms, so no process is passed over for good', async () => {
    const { sut, granted } = gateWith();
    const gate = { name: 'processing:p1', limit: 1 };
    const first = await sut.tryAcquire(gate, 'a');
    expect(await sut.tryAcquire(gate, 'elsewhere')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await sut.tryAcquire(gate, 'b')).toBeNull();
    const bWaits = sut.awaitSlot(gate.name, 'b', 10_000);
    await first!.release();
    // 'elsewhere' (waiting in another process, or parked) gets it; 'b' is next.
    expect(granted).toEqual(['elsewhere']);
    expect(sut.waitingHere(gate.name)).toBe(1);
    await sut.giveBack(gate.name, 'elsewhere');
    expect((await bWaits)?.gateName).toBe(gate.name);
  });

  it('hands the slot given up while moving to the next gate to a holder waiting here for it', async () => {
    const { sut, granted } = gateWith();
    const uon = { name: 'host:api.u-on.ru', limit: 1 };
    const crm = { name: 'host:crm.example.com', limit: 1 };
    const first = await sut.tryAcquire(uon, 'a');
    expect(await sut.tryAcquire(uon, 'parked')).toBeNull();
    expect(await sut.tryAcquire(uon, 'b')).toBeNull();
    const bWaits = sut.awaitSlot(uon.name, 'b', 10_000);
    expect((await sut.tryAcquire(crm, 'a', first!))?.gateName).toBe(crm.name);
    expect((await bWaits)?.gateName).toBe(uon.name);
    expect(granted).toEqual([]);
  });

  it("finds a slot handed over by another process when its wait ends", async () => {
    const here = gateWith();
    const elsewhere = gateWith();
    const gate = { name: 'host:crm.example.com', limit: 1 };
    const first = await elsewhere.sut.tryAcquire(gate, 'a');
    expect(await here.sut.tryAcquire(gate, 'b')).toBeNull();
    const waiting = here.sut.awaitSlot(gate.name, 'b', 300);
    await first!.release();
    expect((await waiting)?.gateName).toBe(gate.name);
  });

  it('finds a slot handed over by another process while a long wait is still going on', async () => {
    const here = gateWith();
    const elsewhere = gateWith();
    const gate = { name: 'processing:p1', limit: 1 };
    const first = await elsewhere.sut.tryAcquire(gate, 'a');
    expect(await here.sut.tryAcquire(gate, 'b')).toBeNull();
    // Far longer than this test may take: the wait must end by looking, not by running out.
    const waiting = here.sut.awaitSlot(gate.name, 'b', 60_000);
    await first!.release();
    expect((await waiting)?.gateName).toBe(gate.name);
    expect(here.sut.waitingHere(gate.name)).toBe(0);
  }, 10_000);

  it("releases an operation's slots in several gates in one call, once", async () => {
    const { sut, granted, redis } = gateWith();
    const processing = await sut.tryAcquire({ name: 'processing:p1', limit: 1 }, 'a');
    const host = await sut.tryAcquire({ name: 'host:crm.example.com', limit: 1 }, 'a');
    expect(await sut.tryAcquire({ name: 'processing:p1', limit: 1 }, 'b')).toBeNull();
    expect(await sut.tryAcquire({ name: 'host:crm.example.com', limit: 1 }, 'c')).toBeNull();
    await sut.releaseAll([processing, host, null]);
    expect(granted.sort()).toEqual(['b', 'c']);
    await sut.releaseAll([processing, host]);
    await processing!.release();
    expect(granted).toHaveLength(2);
    expect((await readCapacityWaiting(redis, prefix)).waiting).toBe(0);
  });

  it('holds the limit when many holders race from several connections', async () => {
    const gates = [gateWith(), gateWith(), gateWith()];
    const gate = { name: 'host:busy', limit: 3 };
    const attempts = await Promise.all(Array.from({ length: 30 }, (_, i) => gates[i % 3]!.sut.tryAcquire(gate, `h${i}`)));
    const held = attempts.filter((s): s is HeldSlot => s !== null);
    expect(held).toHaveLength(3);
    const waiting = await readCapacityWaiting(gates[0]!.redis, prefix);
    expect(waiting.waiting).toBe(27);
    await Promise.all(held.map((s) => s.release()));
    const grantedIn = gates.flatMap((g) => g.granted);
    expect(grantedIn).toHaveLength(3);
    expect(new Set(grantedIn).size).toBe(3);
  });

  it("gives a dead holder's slot back when its lease runs out, and the sweep hands it on", async () => {
    const survivor = gateWith(1_000);
    const dying = gateWith(1_000);
    const gate = { name: 'processing:p1', limit: 1 };
    expect(await dying.sut.tryAcquire(gate, 'dead')).not.toBeNull();
    expect(await survivor.sut.tryAcquire(gate, 'next')).toBeNull();
    // The holder's connection goes away as it would with kill -9: nothing renews its lease.
    dying.redis.disconnect();
    await survivor.sut.pump('processing:p1');
    expect(survivor.granted).toEqual([]);
    await waitFor(
      async () => {
        await survivor.sut.pump('processing:p1');
        return survivor.granted.length > 0;
      },
      5_000,
      'the expired slot to be handed on',
    );
    expect(survivor.granted).toEqual(['next']);
    expect(await survivor.sut.tryAcquire(gate, 'next')).not.toBeNull();
  });

  it('renews the lease of a slot that is still in use', async () => {
    const { sut } = gateWith(1_000);
    const gate = { name: 'processing:p1', limit: 1 };
    const slot = await sut.tryAcquire(gate, 'long');
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await sut.holds('processing:p1', 'long')).toBe(true);
    expect(await sut.tryAcquire(gate, 'other')).toBeNull();
    await slot!.release();
    expect(troubles.filter((t) => t.endsWith(' long'))).toEqual([]);
  });
});
