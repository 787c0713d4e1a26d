import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`API kill -9 under load (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  let envybox: FakeEnvybox | undefined;

  afterAll(async () => {
    await stack?.stop();
    await envybox?.stop();
  });

  it('every event acknowledged before the kill is delivered once; requests during the outage are refused, not lost', async () => {
    stack = await FaultStack.start({ workers: 1 });
    envybox = await envyboxAt();
    const processing = await uonToEnvyboxProcessing(stack, envybox);
    const driver = new LoadDriver(() => stack!.apiUrl, stack.uon);
    let restarted: Promise<unknown> | undefined;
    let faultEndedAt = Date.now();

    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds, (elapsed) => {
      if (!restarted && elapsed >= (variant.loadSeconds * 1000) / 3) {
        restarted = stack!
          .killApi()
          .then(() => stack!.startApi())
          .then(() => void (faultEndedAt = Date.now()));
      }
    });
    await restarted;
    // And the API takes webhooks again once it is back.
    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds / 2);

    const observed = await observe('API kill -9', stack, driver, envybox, faultEndedAt);
    report(observed.figures);
    // No worker died, so no lead may be sent twice.
    expect([...lossViolations(observed.figures), ...duplicateRuleViolations(observed)]).toEqual([]);
  });
});
