import { performance } from 'node:perf_hooks';
import { api } from '../support/flows';
import { UonFlowHarness } from '../support/uon-flow';

/**
 * Test runs render in the API process: a runaway template there must fail its own run (in a sandbox
 * thread) while the API keeps answering. Figures are printed; outcomes are asserted.
 */
describe('hostile templates in test runs', () => {
  const flow = new UonFlowHarness();
  beforeAll(async () => {
    await flow.start();
    await flow.reset();
  });
  afterAll(() => flow.stop());

  const composer = (template: string) => ({ id: 'h1', key: 'hostile', type: 'json_composer', name: 'Hostile', settings: { template, dropEmpty: false } });
  const cases = [
    {
      title: 'replace blow-up to 100 million characters',
      action: composer(`{"s":"{{substring (replace (replace event.query.s 'a' event.query.s) 'a' '${'a'.repeat(100)}') 0 3}}"}`),
      query: { s: 'a'.repeat(1_000) },
      codes: ['template_too_large'],
    },
    {
      title: 'nested loops over 3 000 values',
      action: composer('{"s":"{{#each event.query.rows}}{{#each ../event.query.rows}}{{../this}}-{{this}},{{/each}}{{/each}}"}'),
      query: { rows: Array.from({ length: 3_000 }, (_, i) => String(i)) },
      codes: ['template_too_large', 'template_timeout'],
    },
    {
      title: '"1"×60 000 + "x" cast to number',
      action: { id: 'h2', key: 'parsed', type: 'json_parser', name: 'Cast', settings: { input: '{{event.query}}', fields: [{ name: 'n', path: 'n', cast: 'number' }] } },
      query: { n: `${'1'.repeat(60_000)}x` },
      codes: ['cast_failed'],
    },
  ];

  it.each(cases.map((c) => [c.title, c] as const))('%s fails its own run while the API answers', async (_title, hostile) => {
    const started = performance.now();
    const run = api<{ status: string; steps: Array<{ error?: { code: string } }> }>(flow.session, 'POST', `/api/processings/${flow.processing.id}/test`, {
      actions: [hostile.action],
      sample: { params: { r_id: '61' }, request: { method: 'GET', query: hostile.query } },
    });
    // Health answers while the hostile run is being rendered.
    const healthTimes: number[] = [];
    let done = false;
    void run.finally(() => (done = true));
    while (!done) {
      const at = performance.now();
      expect((await api(flow.session, 'GET', '/api/health')).status).toBeLessThan(600);
      healthTimes.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await run;
    const slowest = Math.max(...healthTimes, 0);
    process.stdout.write(
      `test run "${hostile.title}": ${(performance.now() - started).toFixed(0)} ms, ${result.body.steps[0]?.error?.code}; ` +
        `${healthTimes.length} health checks meanwhile, slowest ${slowest.toFixed(0)} ms\n`,
    );
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('failed');
    expect(hostile.codes).toContain(result.body.steps[0]?.error?.code);
  });
});
