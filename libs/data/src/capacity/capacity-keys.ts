import type IORedis from 'ioredis';

/**
 * What a capacity limit is kept per: one processing (its events in flight) or one destination host
 * (requests in flight to it, whichever processing sends them).
 */
export type CapacityScope = 'processing' | 'host';

/** A gate's name: `processing:<id>` or `host:<host[:port]>`, also its member in the waiting set. */
export function capacityGateName(scope: CapacityScope, id: string): string {
  return `${scope}:${id}`;
}

export interface CapacityKeys {
  /** Sorted set: holder (operation id) → when its lease runs out (ms, Redis clock). */
  holders: string;
  /** Sorted set: operation id → when it started waiting, so the oldest is let in first. */
  waiters: string;
  /** The limit last asked for, so a slot freed by a lease running out can be handed on. */
  limit: string;
  /** Set of gate names that have someone waiting: the sweeper looks only at these. */
  waitingGates: string;
}

export function capacityKeys(prefix: string, gateName: string): CapacityKeys {
  const base = `${prefix}:capacity:${gateName}`;
  return { holders: `${base}:holders`, waiters: `${base}:waiters`, limit: `${base}:limit`, waitingGates: waitingGatesKey(prefix) };
}

export function waitingGatesKey(prefix: string): string {
  return `${prefix}:capacity:waiting`;
}

export interface CapacityWaiting {
  /** Events waiting for a free slot of their processing or destination, holding no worker. */
  waiting: number;
  /** How many gates (processings or hosts at their limit) have events waiting. */
  gatesWaiting: number;
  /**
   * The gates with someone waiting, busiest first (at most 10), e.g. `host:crm.example.com`. They name
   * other workspaces' processings and destinations: never show them to someone who is not the operator.
   */
  gates: GateLoad[];
}

/** For the health check: a handful of Redis reads, one per gate that has someone waiting. */
export async function readCapacityWaiting(redis: IORedis, prefix: string): Promise<CapacityWaiting> {
  const names = await redis.smembers(waitingGatesKey(prefix));
  if (!names.length) return { waiting: 0, gatesWaiting: 0, gates: [] };
  const gates = await readGateLoads(redis, prefix, names);
  gates.sort((a, b) => b.waiting - a.waiting);
  const busy = gates.filter((g) => g.waiting > 0);
  return { waiting: busy.reduce((sum, g) => sum + g.waiting, 0), gatesWaiting: busy.length, gates: busy.slice(0, 10) };
}

export interface GateLoad {
  gate: string;
  waiting: number;
  inFlight: number;
}

/** Events waiting and in flight at the given gates (a slot whose lease just ran out may still count). */
export async function readGateLoads(redis: IORedis, prefix: string, gateNames: readonly string[]): Promise<GateLoad[]> {
  if (!gateNames.length) return [];
  const pipeline = redis.pipeline();
  for (const name of gateNames) {
    const keys = capacityKeys(prefix, name);
    pipeline.zcard(keys.waiters);
    pipeline.zcard(keys.holders);
  }
  const replies = (await pipeline.exec()) ?? [];
  return gateNames.map((gate, i) => ({ gate, waiting: Number(replies[2 * i]?.[1] ?? 0), inFlight: Number(replies[2 * i + 1]?.[1] ?? 0) }));
}
