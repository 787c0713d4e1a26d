import { capacityGateName, destinationHostOf, hostLimitFor, type HostLimits } from '@provod/data';
import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import type { CapacityGate } from './capacity-gate';
import { operationContext } from './operation-context';
import { WaitForCapacity } from './wait-for-capacity.error';

/**
 * The HTTP port the worker's steps use: a request takes a slot of its destination host for as long
 * as it is in flight, so one slow or dead destination holds only its share of the workers. With no
 * slot free the request is not sent; the run stops with `WaitForCapacity` and the job waits, parked.
 */
export class HostLimitedHttp implements HttpPort {
  constructor(
    private readonly inner: HttpPort,
    private readonly gate: CapacityGate,
    private readonly limits: HostLimits,
  ) {}

  async send(request: HttpRequestSpec): Promise<HttpResponseData> {
    const operation = operationContext.getStore();
    const destination = destinationHostOf(request.url);
    if (!operation || !destination) return this.inner.send(request);
    const gateName = capacityGateName('host', destination.host);
    const slot = await this.gate.tryAcquire({ name: gateName, limit: hostLimitFor(this.limits, destination) }, operation.operationId);
    if (!slot) throw new WaitForCapacity(gateName);
    try {
      return await this.inner.send(request);
    } finally {
      // Not awaited: the answer must reach the runner (to be recorded) even when Redis is slow.
      void slot.release();
    }
  }
}
