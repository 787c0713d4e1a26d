import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import type { CapacityGate, Gate } from './capacity-gate';
import { destinationHostOf, hostLimitFor } from '@provod/data';
import { HostLimitedHttp } from './host-limited-http';
import { operationContext } from './operation-context';
import { isWaitForCapacity } from './wait-for-capacity.error';

const request: HttpRequestSpec = { method: 'POST', url: 'https://CRM.example.com:8443/lead', headers: {}, timeoutMs: 1_000, maxResponseBytes: 1_000 };
const answer: HttpResponseData = { status: 200, headers: {}, body: Buffer.from('{}') };

/** A gate that answers as told and records every call; any other use fails the test. */
function fakeGate(free: boolean) {
  const calls: string[] = [];
  const gate = {
    tryAcquire: async (g: Gate, holder: string) => {
      calls.push(`acquire ${g.name} ${g.limit} ${holder}`);
      return free ? { release: async () => void calls.push(`release ${holder}`) } : null;
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

  it('sends with a slot of the host, and gives it back after the answer', async () => {
    const { gate, calls } = fakeGate(true);
    const { http, sent } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    const response = await operationContext.run({ operationId: 'op-1' }, () => sut.send(request));
    expect(response).toBe(answer);
    expect(sent).toEqual([request.url]);
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-1', 'release op-1']);
  });

  it('gives the slot back when the request fails too', async () => {
    const { gate, calls } = fakeGate(true);
    const { http } = fakeHttp(async () => {
      throw new Error('socket hang up');
    });
    const sut = new HostLimitedHttp(http, gate, limits);
    await expect(operationContext.run({ operationId: 'op-2' }, () => sut.send(request))).rejects.toThrow('socket hang up');
    await new Promise((r) => setImmediate(r));
    expect(calls).toEqual(['acquire host:crm.example.com:8443 2 op-2', 'release op-2']);
  });

  it('does not send when the host is full: the run stops to wait, which is not a step failure', async () => {
    const { gate } = fakeGate(false);
    const { http, sent } = fakeHttp(async () => answer);
    const sut = new HostLimitedHttp(http, gate, limits);
    const error = await operationContext.run({ operationId: 'op-3' }, () => sut.send(request)).catch((e: unknown) => e);
    expect(isWaitForCapacity(error)).toBe(true);
    expect((error as { gateName: string }).gateName).toBe('host:crm.example.com:8443');
    expect(sent).toEqual([]);
  });

  it('outside an operation (no job to park) it sends without a limit', async () => {
    const { gate, calls } = fakeGate(false);
    const { http, sent } = fakeHttp(async () => answer);
    await new HostLimitedHttp(http, gate, limits).send(request);
    expect(sent).toEqual([request.url]);
    expect(calls).toEqual([]);
  });
});
