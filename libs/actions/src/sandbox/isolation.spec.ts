/**
 * What the sandbox buys and costs, measured on the real executors, the real thread pool and the
 * shipped U-ON → Envybox template (HTTP answered by a fake port). Prints figures; asserts outcomes only.
 */
import { processingExportSchema } from '@provod/contracts';
import { type HttpPort, runOperation, systemClock } from '@provod/engine';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { jsonResponse } from '../__tests__/test-context';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { createExecutorRegistry } from '../registry';
import { PiscinaSandbox } from './piscina.sandbox';

const template = processingExportSchema.parse(
  JSON.parse(readFileSync(path.join(__dirname, '../../../../templates/uon-to-envybox.json'), 'utf8')),
);
const secrets = Object.fromEntries(JSON.stringify(template).match(/secrets\.[A-Z_]+/g)!.map((ref) => [ref.slice(8), 'SECRET-VALUE-1234']));
/** U-ON answers with the request; Envybox with a lead id; both after a few milliseconds, like a LAN. */
const http: HttpPort = {
  send: async (request) => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    return jsonResponse(request.method === 'GET' ? uonRequestFixture : { id: 1002 });
  },
};
const params = Object.fromEntries(template.source.parameters.map((p) => [p.name, p.name === 'r_id' ? '61' : '1']));

function hostileDefinition() {
  // Nested loops over 3,000 rows: small data, 9 million iterations, stopped only by a limit.
  const huge = '{{#each source.rows}}{{#each ../source.rows}}{{../this}}-{{this}},{{/each}}{{/each}}';
  return { actions: [{ id: 'x1', key: 'x', name: 'Runaway', type: 'json_composer' as const, settings: { template: JSON.stringify({ s: huge }), dropEmpty: false } }] };
}

async function runNormal(registry: ReturnType<typeof createExecutorRegistry>, id: number) {
  return runOperation(
    { operationId: `op-${id}`, definition: { actions: template.actions }, params, request: { method: 'GET', query: params, headers: {}, body: null }, secrets },
    { registry, http, clock: systemClock },
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A normal operation due every 5 ms for 3 s and a runaway one after 0.5 s; latencies of the normal ones. */
async function normalLatenciesBesideHostile(registry: ReturnType<typeof createExecutorRegistry>) {
  const latencies: Promise<number>[] = [];
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let hostile: Promise<{ status: string; code?: string }> | undefined;
  // Operations are due every 5 ms; each one's latency counts from when it was due, so operations that
  // could not even start while the loop was blocked are counted as late, not left out.
  const origin = performance.now();
  for (let i = 0; performance.now() - origin < 3_000; ) {
    for (; origin + i * 5 <= performance.now(); i += 1) {
      const due = origin + i * 5;
      latencies.push(runNormal(registry, i).then((outcome) => {
        expect(outcome.status).toBe('succeeded');
        return performance.now() - due;
      }));
    }
    if (!hostile && performance.now() - origin >= 500) {
      hostile = runOperation(
        { operationId: 'hostile', definition: hostileDefinition(), params: { rows: Array.from({ length: 3_000 }, (_, n) => n) }, request: { method: 'POST', query: {}, headers: {}, body: null }, secrets },
        { registry, http, clock: systemClock },
      ).then((outcome) => ({ status: outcome.status, code: outcome.error?.code }));
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sorted = (await Promise.all(latencies)).sort((a, b) => a - b);
  const hostileOutcome = await hostile!;
  loop.disable();
  return { loopMaxMs: loop.max / 1e6, count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, hostile: hostileOutcome };
}

describe('sandbox isolation', () => {
  const sandbox = new PiscinaSandbox({ threads: 2, memoryMb: 256, timeoutMs: 5_000 });
  afterAll(() => sandbox.close());

  it('keeps unrelated operations flowing while a runaway template fails its own step', async () => {
    const isolated = await normalLatenciesBesideHostile(createExecutorRegistry({ sandbox }));
    const inPlace = await normalLatenciesBesideHostile(createExecutorRegistry());
    const line = (label: string, r: typeof isolated) =>
      `${label}: ${r.count} normal operations, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(0)} ms, longest event-loop stall ${r.loopMaxMs.toFixed(0)} ms; runaway: ${r.hostile.status} (${r.hostile.code})\n`;
    process.stdout.write(line('with the sandbox', isolated) + line('rendering in place (no sandbox)', inPlace));
    for (const r of [isolated, inPlace]) {
      expect(r.hostile.status).toBe('failed');
      expect(['template_too_large', 'template_timeout']).toContain(r.hostile.code);
    }
  });

  it('costs little on the usual operation, which renders in place', async () => {
    const fast: HttpPort = { send: async (request) => jsonResponse(request.method === 'GET' ? uonRequestFixture : { id: 1002 }) };
    const withSandbox = createExecutorRegistry({ sandbox });
    const without = createExecutorRegistry();
    const run = (registry: ReturnType<typeof createExecutorRegistry>) => async (n: number) => {
      const at = performance.now();
      for (let i = 0; i < n; i += 1) {
        const outcome = await runOperation(
          { operationId: `b-${i}`, definition: { actions: template.actions }, params, request: { method: 'GET', query: params, headers: {}, body: null }, secrets },
          { registry, http: fast, clock: systemClock },
        );
        expect(outcome.status).toBe('succeeded');
      }
      return (performance.now() - at) / n;
    };
    // Interleaved rounds, the median of each: the machine is shared, so one long run would measure neighbours.
    const rounds: Array<[number, number]> = [];
    await run(without)(200);
    await run(withSandbox)(200);
    for (let round = 0; round < 7; round += 1) rounds.push([await run(without)(300), await run(withSandbox)(300)]);
    const median = (values: number[]) => values.sort((x, y) => x - y)[Math.floor(values.length / 2)] as number;
    const a = median(rounds.map((r) => r[0]));
    const b = median(rounds.map((r) => r[1]));
    process.stdout.write(`U-ON → Envybox operation (4 steps), engine only, median of 7×300: ${a.toFixed(3)} ms in place, ${b.toFixed(3)} ms with the sandbox (${(((b - a) / a) * 100).toFixed(1)} %)\n`);
  });

  it('measures what a large step costs in a thread', async () => {
    const big = { items: Array.from({ length: 40_000 }, (_, i) => ({ id: i, name: `item ${i}`, note: 'x'.repeat(100) })) };
    const definition = {
      actions: [{ id: 'p1', key: 'fields', name: 'Parse', type: 'json_parser' as const, settings: { input: '{{source.big}}', fields: [{ name: 'first', path: 'items[0].name', required: false, cast: 'none' as const }] } }],
    };
    for (const [label, registry] of [['in place', createExecutorRegistry()], ['in a sandbox thread', createExecutorRegistry({ sandbox })]] as const) {
      const at = performance.now();
      const outcome = await runOperation(
        { operationId: 'big', definition, params: { big }, request: { method: 'GET', query: {}, headers: {}, body: null }, secrets: {} },
        { registry, http, clock: systemClock },
      );
      expect(outcome.status).toBe('succeeded');
      process.stdout.write(`a parser step over a ${(JSON.stringify(big).length / 1e6).toFixed(1)} MB answer, ${label}: ${(performance.now() - at).toFixed(1)} ms\n`);
    }
  });
});
