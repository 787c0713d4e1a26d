import { capacityGateName } from '@provod/data';
import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import type { CapacityGate } from './capacity-gate';
import { operationContext } from './operation-context';
import { WaitForCapacity } from './wait-for-capacity.error';

export interface HostLimits {
  /** Requests in flight to one host at once (`DESTINATION_HOST_CONCURRENCY`). */
  perHost: number;
  /** Exceptions by `host:port` or host name, lower case (`DESTINATION_HOST_CONCURRENCY_OVERRIDES`). */
  overrides: Record<string, number>;
}

/** `host[:port]` as the URL names it, lower case; null when the URL does not parse (the step reports that). */
export function destinationHostOf(url: string): { host: string; hostname: string } | null {
  try {
    const parsed = new URL(url);
    return { host: parsed.host.toLowerCase(), hostname: parsed.hostname.toLowerCase() };
  } catch {
    return null;
  }
}

export function hostLimitFor(limits: HostLimits, destination: { host: string; hostname: string }): number {
  return limits.overrides[destination.host] ?? limits.overrides[destination.hostname] ?? limits.perHost;
}

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
