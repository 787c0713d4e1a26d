import type { ProcessingExport } from '@provod/contracts';
import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, endToEndMs, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';
import { sleep, until } from './support/net';

jest.setTimeout(variant.caseTimeoutMs);

/** A processing fed by POSTed JSON whose steps are the hostile part. */
function hostileProcessing(name: string, actions: ProcessingExport['actions']): ProcessingExport {
  return {
    provod: 1,
    name,
    source: { type: 'webhook', methods: ['POST'], parameters: [{ name: 'r_id', keys: ['r_id'] }] },
    actions,
  } as ProcessingExport;
}

const composer = (template: string) => ({
  id: 'h1-compose',
  key: 'hostile',
  type: 'json_composer' as const,
  name: 'Hostile composer',
  settings: { template, dropEmpty: false },
});

interface HostileCase {
  title: string;
  definition: ProcessingExport;
  body: Record<string, unknown>;
  /** What the hostile operation must end as: failed with one of these codes, or simply finished. */
  expect: { status: 'failed'; codes?: string[] } | { status: 'finished' };
}

const hostile: HostileCase[] = [
  {
    // The masker's query-string pattern went quadratic on a URL of nothing but question marks.
    title: 'the masker on "http://a/" + "?"×420000',
    definition: hostileProcessing('Hostile: URL for the masker', [composer('{"url": "{{event.body.u}}"}')]),
    body: { u: `http://a/${'?'.repeat(420_000)}` },
    expect: { status: 'finished' },
  },
  {
    // `number` as a whole-value leaf (no template deadline there) and a parser field cast to number.
    title: '"1"×60000 + "x" through number (helper and cast)',
    definition: hostileProcessing('Hostile: number', [
      composer('{"n": "{{number event.body.n}}"}'),
      {
        id: 'h2-parse',
        key: 'fields',
        type: 'json_parser',
        name: 'Hostile cast',
        settings: { input: '{{event.body}}', fields: [{ name: 'n', path: 'n', required: false, cast: 'number' }] },
      } as ProcessingExport['actions'][number],
    ]),
    body: { n: `${'1'.repeat(60_000)}x` },
    expect: { status: 'failed' },
  },
  {
    // 1,000 × "a" replaced by itself, then each "a" by 100 of them: a 100-million-character string.
    title: 'replace/substring blow-up to 100 million characters',
    definition: hostileProcessing('Hostile: replace blow-up', [
      composer(`{"s": "{{substring (replace (replace event.body.s \\"a\\" event.body.s) \\"a\\" \\"${'a'.repeat(100)}\\") 0 3}}"}`),
    ]),
    body: { s: 'a'.repeat(1_000) },
    expect: { status: 'failed', codes: ['template_too_large', 'template_timeout'] },
  },
];

describe(`hostile input beside a healthy processing (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  let envybox: FakeEnvybox | undefined;

  beforeAll(async () => {
    stack = await FaultStack.start({ workers: 1 });
    envybox = await envyboxAt();
    // Healthy leads take a moment, so some are on the wire while the hostile event is processed.
    envybox.delayMs = 150;
  });
  afterAll(async () => {
    await stack?.stop();
    await envybox?.stop();
  });

  it.each(hostile.map((c) => [c.title, c] as const))('%s: the worker survives, the hostile operation ends, healthy ones flow once', async (title, hostileCase) => {
    const worker = stack!.aliveWorkers()[0] ?? stack!.startWorker();
    // Like a process supervisor, start another worker if this one dies, so the case still ends.
    let replacements = 0;
    let watching = true;
    const supervise = (dead: typeof worker): void => {
      void dead.exited.then(() => {
        if (!watching) return;
        replacements++;
        supervise(stack!.startWorker());
      });
    };
    supervise(worker);
    // Envybox answers in 150 ms, so a 2 s timeout on the healthy lead can only fire if the worker's event
    // loop froze: it then shows as a lead sent twice (or given up), not just as a slow figure.
    const healthy = await uonToEnvyboxProcessing(stack!, envybox!, (flow) => {
      const send = flow.actions.find((a) => a.key === 'create_lead');
      if (send?.type === 'http_request') send.settings.timeoutMs = 2_000;
    });
    const bad = await stack!.processing(hostileCase.definition);
    const driver = new LoadDriver(() => stack!.apiUrl, stack!.uon);
    const hostileDriver = new LoadDriver(() => stack!.apiUrl, stack!.uon);
    let hostileKey: string | undefined;
    await driver.run(healthy.webhookToken, variant.measuredRate, variant.loadSeconds, (elapsed) => {
      if (!hostileKey && elapsed >= (variant.loadSeconds * 1000) / 4) hostileKey = hostileDriver.send(bad.webhookToken, hostileCase.body);
    });
    await hostileDriver.settled();
    const loadEndedAt = Date.now();

    const observed = await observe(`hostile: ${title}`, stack!, driver, envybox!, loadEndedAt);
    const latency = await endToEndMs(stack!, driver, [...driver.acknowledged.keys()]);
    const hostileId = hostileDriver.acknowledged.get(hostileKey!)?.operationId;
    // The hostile operation gets the same settle time as the healthy ones to finish.
    let hostileOp: { status: string; code: string | null; step: string | null } | undefined;
    if (hostileId) {
      await until(
        async () => {
          [hostileOp] = await stack!.sql<{ status: string; code: string | null; step: string | null }>(
            `SELECT status, error->>'code' AS code, error->>'step' AS step FROM operation WHERE id = $1`,
            [hostileId],
          );
          return ['succeeded', 'failed'].includes(hostileOp?.status ?? '') || !worker.alive();
        },
        variant.settleTimeoutMs,
        'the hostile operation to finish',
      ).catch(() => undefined);
    }
    await sleep(500);
    watching = false;
    observed.figures.notes.push(
      `healthy end-to-end: p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms (${latency.count} events)`,
      `hostile operation: ${hostileOp ? `${hostileOp.status}${hostileOp.code ? ` (${hostileOp.code} at ${hostileOp.step})` : ''}` : 'not acknowledged'}; worker ${worker.alive() ? 'alive' : `died (${replacements} replacement(s) started)`}`,
    );
    report(observed.figures);

    const violations = [...lossViolations(observed.figures), ...duplicateRuleViolations(observed)];
    if (!worker.alive()) violations.push(`the worker process died (pid ${worker.pid})`);
    if (!hostileOp) violations.push('the hostile event was not acknowledged');
    else if (hostileCase.expect.status === 'finished') {
      if (!['succeeded', 'failed'].includes(hostileOp.status)) violations.push(`the hostile operation is still ${hostileOp.status}`);
    } else {
      if (hostileOp.status !== 'failed') violations.push(`the hostile operation is ${hostileOp.status}, not failed`);
      const codes = hostileCase.expect.codes;
      if (codes && !codes.includes(hostileOp.code ?? '')) violations.push(`the hostile step failed with ${hostileOp.code}, not ${codes.join(' or ')}`);
    }
    expect(violations).toEqual([]);
  });
});
