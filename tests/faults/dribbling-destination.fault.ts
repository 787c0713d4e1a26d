import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`a destination that never finishes its answer (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  const fakes: FakeEnvybox[] = [];

  beforeAll(async () => {
    stack = await FaultStack.start({ workers: 1 });
  });
  afterAll(async () => {
    await stack?.stop();
    for (const fake of fakes) await fake.stop();
  });

  it('a destination that answers 200 and then dribbles its body forever gets each POST once', async () => {
    const dribbling = await envyboxAt('127.0.0.3');
    fakes.push(dribbling);
    dribbling.dribble = true;
    // The short variant gives up on the body after 3 s (a user setting) instead of the default 30 s.
    const timeoutMs = variant.name === 'short' ? 3_000 : 30_000;
    const processing = await uonToEnvyboxProcessing(stack!, dribbling, (flow) => {
      const send = flow.actions.find((a) => a.key === 'create_lead');
      if (send?.type === 'http_request') send.settings.timeoutMs = timeoutMs;
    });
    const driver = new LoadDriver(() => stack!.apiUrl, stack!.uon);
    await driver.run(processing.webhookToken, 1, variant.name === 'short' ? 3 : 10);

    const observed = await observe('body dribbled forever after 200', stack!, driver, dribbling, Date.now());
    const statuses = [...observed.statuses.values()];
    observed.figures.notes.push(`POSTs received: ${dribbling.leads.length} for ${driver.acknowledged.size} events; operations: ${statuses.join(', ')}`);
    report(observed.figures);
    expect([...lossViolations(observed.figures), ...duplicateRuleViolations(observed)]).toEqual([]);
  });
});
