import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`PostgreSQL stopped during ingest (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  let envybox: FakeEnvybox | undefined;

  afterAll(async () => {
    await stack?.stop();
    await envybox?.stop();
  });

  it(`stopped for ${variant.postgresOutageSeconds} s: webhooks meanwhile get 503 with Retry-After; everything acknowledged is delivered exactly once`, async () => {
    stack = await FaultStack.start({ workers: 1 });
    envybox = await envyboxAt();
    envybox.delayMs = 150;
    const processing = await uonToEnvyboxProcessing(stack, envybox);
    const driver = new LoadDriver(() => stack!.apiUrl, stack.uon);
    const stopAtMs = (variant.loadSeconds * 1000) / 2;
    let outage: Promise<void> | undefined;
    let faultEndedAt = Date.now();

    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds + variant.postgresOutageSeconds, (elapsed) => {
      if (!outage && elapsed >= stopAtMs) {
        outage = (async () => {
          await stack!.pg.stop();
          await new Promise((r) => setTimeout(r, variant.postgresOutageSeconds * 1000));
          await stack!.pg.start();
          faultEndedAt = Date.now();
        })();
      }
    });
    await outage;

    const observed = await observe(`PostgreSQL stopped ${variant.postgresOutageSeconds} s`, stack, driver, envybox, faultEndedAt);
    const withoutRetryAfter = driver.refused.filter((r) => r.status === 503 && r.retryAfter === null).length;
    report(observed.figures);
    const violations = [...lossViolations(observed.figures), ...duplicateRuleViolations(observed)];
    if (withoutRetryAfter) violations.push(`${withoutRetryAfter} of the 503 answers carried no Retry-After`);
    if (!driver.refused.some((r) => r.status === 503)) violations.push('no webhook was refused with 503 while PostgreSQL was down');
    expect(violations).toEqual([]);
  });
});
