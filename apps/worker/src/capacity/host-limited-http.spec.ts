import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import type { CapacityGate, Gate, HeldSlot } from './capacity-gate';
import { destinationHostOf, hostLimitFor } from '@provod/data';
import { SLOT_WAIT_MS } from './capacity.tokens';
import { FirstHostCache } from './first-host.cache';
import { HostLimitedHttp } from './host-limited-http';
import { operationContext, type OperationContext } from './operation-context';
import { isWaitForCapacity } from './wait-for-capacity.error';

const request: HttpRequestSpec = { method: 'POST', url: 'https://CRM.example.com:8443/lead', headers: {}, timeoutMs: 1_000, maxResponseBytes: 1_000 };
const answer: HttpResponseData = { status: 200, headers: {}, body: Buffer.from('{}') };

/** A gate that answers as told and records every call; any other use fails the test. */
function fakeGate(free: boolean) {
  const calls: string[] = [];
  const gate = {
    tryAcquire: async (g: Gate, holder: string, givingUp?: HeldSlot) => {
      calls.push(`acquire ${g.name} ${g.limit} ${holder}${givingUp ? ` giving up ${givingUp.gateName}` : ''}`);
      return free ? { gateName: g.name, release: async () => void calls.push(`release ${holder}`) } : null;
    },
    awaitSlot: async (gateName: string, holder: string, ms: number) => {
      calls.push(`wait ${ms} ms for ${gateName} ${holder}`);
      return null;
    },
  } as unknown as CapacityGate;
  return { gate, calls };
}

function fakeHttp(result: () => Promise<HttpResponseData>) {
  const sent: string[] = [];
  const http: HttpPort = {
    send: async (r) => {
      sent.push(r.url);
      return result();
    },
  };
  return { http, sent };
}

const limits = { perHost: 10, overrides: { 'crm.example.com:8443': 2, 'api.u-on.ru': 4 } };

describe('destination host limits', () => {
  it('names a host by host and port, lower case, and takes its override by either', () => {
    expect(destinationHostOf('https://CRM.example.com:8443/x')).toEqual({ host: 'crm.example.com:8443', hostname: 'crm.example.com' });
    expect(destinationHostOf('not a url')).toBeNull();
    expect(hostLimitFor(limits, { host: 'crm.example.com:8443', hostname: 'crm.example.com' })).toBe(2);
    expect(hostLimitFor(limits, { host: 'api.u-on.ru', hostname: 'api.u-on.ru' })).toBe(4);
    expect(hostLimitFor(limits, { host: 'other.example', hostname: 'other.example' })).toBe(10);
  });

  it("remembers the host of a processing's first request, not of later ones, and sends without acquiring when the slot came with the processing's", async () => {
    const { gate, calls } = fakeGate(true);
    const { http } = fakeHttp(async () => answer);
    const firstHosts = new FirstHostCache();
    const sut = new HostLimitedHttp(http, gate, limits, firstHosts);
    const context: OperationContext = { operationId: 'op-1', processingId: 'p-1' };
    await operationContext.run(context, async () => {
      await sut.send(request);
      await sut.send({ ...request, url: 'https://api.u-on.ru/x' });
    });
    expect(firstHosts.of('p-1')).toEqual({ name: 'host:crm.example.com:8443', limit: 2 });
    // The next run arrives holding that slot already (OperationGate took it with the processing's).
    calls.length = 0;
    const held = { gateName: 'host:crm.example.com:8443', release: async () => undefined };
    await operationContext.run({ operationId: 'op-2', processingId: 'p-1', hostSlot: held }, () => sut.send(request));
    expect(calls).toEqual([]);
  });

  it('sends with a slot of the host, which stays with the operation after the answer', async () => {
    const { gate, calls } = fakeGate(true);
    const { http, sent } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    const context: OperationContext = { operationId: 'op-1' };
    const response = await operationContext.run(context, () => sut.send(request));
    expect(response).toBe(answer);
    expect(sent).toEqual([request.url]);
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-1']);
    // The operation gate gives it back when the run ends (with the processing's slot, in one call).
    expect(context.hostSlot?.gateName).toBe('host:crm.example.com:8443');
  });

  it('takes no second slot for a second request to the same host', async () => {
    const { gate, calls } = fakeGate(true);
    const { http, sent } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    await operationContext.run({ operationId: 'op-1' }, async () => {
      await sut.send(request);
      await sut.send({ ...request, url: 'https://crm.example.com:8443/other' });
    });
    expect(sent).toHaveLength(2);
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-1']);
  });

  it('gives up the slot of the host it called before in the same call that takes the next host', async () => {
    const { gate, calls } = fakeGate(true);
    const { http } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    const context: OperationContext = { operationId: 'op-1' };
    await operationContext.run(context, async () => {
      await sut.send({ ...request, url: 'https://api.u-on.ru/KEY/request/1.json' });
      await sut.send(request);
    });
    expect(calls).toEqual(['acquire host:api.u-on.ru 4 op-1', 'acquire host:crm.example.com:8443 2 op-1 giving up host:api.u-on.ru']);
    expect(context.hostSlot?.gateName).toBe('host:crm.example.com:8443');
  });

  it('keeps the slot for the operation gate to give back when the request fails too', async () => {
    const { gate, calls } = fakeGate(true);
    const { http } = fakeHttp(async () => {
      throw new Error('socket hang up');
    });
    const sut = new HostLimitedHttp(http, gate, limits);
    const context: OperationContext = { operationId: 'op-2' };
    await expect(operationContext.run(context, () => sut.send(request))).rejects.toThrow('socket hang up');
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-2']);
    expect(context.hostSlot?.gateName).toBe('host:crm.example.com:8443');
  });

  it('does not send when the host is full: the run stops to wait, which is not a step failure', async () => {
    const { gate, calls } = fakeGate(false);
    const { http, sent } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    const error = await operationContext.run({ operationId: 'op-3' }, () => sut.send(request)).catch((e: unknown) => e);
    expect(isWaitForCapacity(error)).toBe(true);
    expect((error as { gateName: string }).gateName).toBe('host:crm.example.com:8443');
    expect(sent).toEqual([]);
    // It waited in place a moment first: parking and waking a job costs more than a short wait.
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-3', `wait ${SLOT_WAIT_MS} ms for host:crm.example.com:8443 op-3`]);
  });

  it('outside an operation (no job to park) it sends without a limit', async () => {
    const { gate, calls } = fakeGate(false);
    const { http, sent } = fakeHttp(async () => answer);
    await new HostLimitedHttp(http, gate, limits).send(request);
    expect(sent).toEqual([request.url]);
    expect(calls).toEqual([]);
  });
});
