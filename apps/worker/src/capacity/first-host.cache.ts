import { LruCache } from '@provod/engine';
import { Injectable } from '@nestjs/common';
import type { Gate } from './capacity-gate';

const MAX_PROCESSINGS = 10_000;

/**
 * The destination host each processing's runs called first, as HostLimitedHttp last saw it. The next
 * run of that processing takes that host's slot in the same round trip as the processing's own
 * (CapacityGate.tryAcquireWith): one script per event fewer. A guess that is wrong costs nothing but
 * the round trip it would have saved: the request gives the slot up as it takes the right one.
 */
@Injectable()
export class FirstHostCache {
  private readonly gates = new LruCache<string, Gate>(MAX_PROCESSINGS);

  of(processingId: string): Gate | undefined {
    return this.gates.get(processingId);
  }

  remember(processingId: string, gate: Gate): void {
    const known = this.gates.get(processingId);
    if (known?.name !== gate.name || known.limit !== gate.limit) this.gates.set(processingId, gate);
  }
}
