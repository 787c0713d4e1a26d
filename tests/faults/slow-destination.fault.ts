import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, endToEndMs, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`a destination answering in 20 s beside a healthy one (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  const fakes: FakeEnvybox[] = [];

  beforeAll(async () => {
    stack = await FaultStack.start({ workers: 1 });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const fake of fakes) await fake.stop();
  });

  it('a destination answering in 20 s does not starve a healthy processing on another host; nothing lost or sent twice on either', async () => {
    // Two loopback addresses: two destination hosts, so a per-host limit applies to each separately.
    const slow = await envyboxAt('127.0.0.2');
    const healthy = await envyboxAt('127.0.0.1');
    fakes.push(slow, healthy);
    slow.delayMs = 20_000;
    const slowProcessing = await uonToEnvyboxProcessing(stack!, slow);
    const healthyProcessing = await uonToEnvyboxProcessing(stack!, healthy);
    const slowDriver = new LoadDriver(() => stack!.apiUrl, stack!.uon);
    const healthyDriver = new LoadDriver(() => stack!.apiUrl, stack!.uon);

    // The measurement: 5 events/s to the slow destination while the healthy one is measured.
    await Promise.all([
      slowDriver.run(slowProcessing.webhookToken, 5, variant.slowWindowSeconds),
      healthyDriver.run(healthyProcessing.webhookToken, variant.measuredRate, variant.slowWindowSeconds),
    ]);
    const healthyKeys = [...healthyDriver.acknowledged.keys()];
    // Then the destination recovers (held requests still take their 20 s), so the backlog drains in test time.
    slow.delayMs = 0;
    const windowEndedAt = Date.now();

    const healthyObserved = await observe('healthy processing beside a 20 s destination', stack!, healthyDriver, healthy, windowEndedAt);
    const latency = await endToEndMs(stack!, healthyDriver, healthyKeys);
    healthyObserved.figures.notes.push(`healthy end-to-end while the other destination was slow: p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms (${latency.count} events)`);
    const slowObserved = await observe('destination answering in 20 s', stack!, slowDriver, slow, windowEndedAt);
    report(healthyObserved.figures);
    report(slowObserved.figures);
    expect([
      ...lossViolations(healthyObserved.figures),
      ...duplicateRuleViolations(healthyObserved),
      ...lossViolations(slowObserved.figures),
      ...duplicateRuleViolations(slowObserved),
    ]).toEqual([]);
  });
});
