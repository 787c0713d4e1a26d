import { processingConcurrency, type CapacityRow, type ProcessingView } from '@provod/contracts';
import { capacityGateName, destinationHostOf, hostLimitFor, readGateLoads, type HostLimits } from '@provod/data';
import type IORedis from 'ioredis';

export type { CapacityRow };

/**
 * The workspace's processings and the destination hosts their steps name (when the URL's host is
 * written out, not a template), with what is in flight and waiting at each. Other workspaces'
 * processings are never listed; a host shared with them shows everyone's requests to it.
 */
export async function workspaceCapacity(redis: IORedis, prefix: string, processings: readonly ProcessingView[], hostLimits: HostLimits): Promise<CapacityRow[]> {
  const rows: Array<Omit<CapacityRow, 'inFlight' | 'waiting'> & { gate: string }> = processings.map((p) => ({
    kind: 'processing',
    name: p.name,
    processingId: p.id,
    limit: processingConcurrency(p.source),
    gate: capacityGateName('processing', p.id),
  }));
  const hosts = new Map<string, number>();
  for (const processing of processings) {
    for (const action of processing.actions) {
      if (action.type !== 'http_request') continue;
      const destination = destinationHostOf(action.settings.url);
      // A host made of a template is known only when the step runs.
      if (!destination || destination.host.includes('%7b')) continue;
      hosts.set(destination.host, hostLimitFor(hostLimits, destination));
    }
  }
  for (const [host, limit] of hosts) rows.push({ kind: 'host', name: host, limit, gate: capacityGateName('host', host) });
  const loads = await readGateLoads(
    redis,
    prefix,
    rows.map((r) => r.gate),
  );
  return rows
    .map(({ gate: _gate, ...row }, i) => ({ ...row, inFlight: loads[i]?.inFlight ?? 0, waiting: loads[i]?.waiting ?? 0 }))
    .filter((row) => row.inFlight > 0 || row.waiting > 0)
    .sort((a, b) => b.waiting - a.waiting || b.inFlight - a.inFlight);
}
