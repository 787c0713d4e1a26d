import { capacityGateName, destinationHostOf, hostLimitFor, type HostLimits } from '@provod/data';
import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import type { CapacityGate } from './capacity-gate';
import { SLOT_WAIT_MS } from './capacity.tokens';
import type { FirstHostCache } from './first-host.cache';
import { operationContext } from './operation-context';
import { WaitForCapacity } from './wait-for-capacity.error';

/**
 * The HTTP port the worker's steps use: a request takes a slot of its destination host, so one slow
 * or dead destination holds only its share of the workers. With no slot free the request is not
 * sent (after a short wait in place, SLOT_WAIT_MS); the run stops with `WaitForCapacity` and the job
 * waits, parked. The slot is kept while the operation goes on calling the same host, and given up as
 * it moves to another or ends. The host an operation calls first is remembered for its processing,
 * whose next run takes that slot with its own (FirstHostCache).
 */
export class HostLimitedHttp implements HttpPort {
  constructor(
    private readonly inner: HttpPort,
    private readonly gate: CapacityGate,
    private readonly limits: HostLimits,
    private readonly firstHosts?: FirstHostCache,
  ) {}

  async send(request: HttpRequestSpec): Promise<HttpResponseData> {
    const operation = operationContext.getStore();
    const destination = destinationHostOf(request.url);
    if (!operation || !destination) return this.inner.send(request);
    const gate = { name: capacityGateName('host', destination.host), limit: hostLimitFor(this.limits, destination) };
    if (!operation.requested) {
      operation.requested = true;
      if (operation.processingId) this.firstHosts?.remember(operation.processingId, gate);
    }
    if (operation.hostSlot?.gateName !== gate.name) {
      const previous = operation.hostSlot;
      operation.hostSlot = undefined;
      const slot =
        (await this.gate.tryAcquire(gate, operation.operationId, previous)) ??
        (await this.gate.awaitSlot(gate.name, operation.operationId, SLOT_WAIT_MS));
      if (!slot) throw new WaitForCapacity(gate.name);
      operation.hostSlot = slot;
    }
    // The slot stays with the operation after the answer (see OperationContext.hostSlot): the
    // operation gate gives it back when the run ends, however it ends.
    return this.inner.send(request);
  }
}
