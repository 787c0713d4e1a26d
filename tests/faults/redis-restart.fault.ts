import type { FakeEnvybox } from '../support/fake-envybox';
import { envyboxAt, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`Redis restarted under load (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  let envybox: FakeEnvybox | undefined;

  beforeAll(async () => {
    stack = await FaultStack.start({ workers: 1, redisAof: false });
    envybox = await envyboxAt();
    envybox.delayMs = 150;
  });
  afterAll(async () => {
    await stack?.stop();
    await envybox?.stop();
  });

  it.each([
    ['without AOF: the queue is gone and the reconciler rebuilds it from PostgreSQL', false],
    ['with AOF: the queue survives', true],
  ])('kill -9 and restart of Redis %s; nothing lost, nothing twice', async (_title, aof) => {
    // The same stack for both: switching AOF on is a restart between cases, with nothing in the queue.
    if (stack!.redis.aof !== aof) await stack!.redis.restart(aof);
    const processing = await uonToEnvyboxProcessing(stack!, envybox!);
    const driver = new LoadDriver(() => stack!.apiUrl, stack!.uon);
    let restarted: Promise<number> | undefined;
    let faultEndedAt = Date.now();

    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds, (elapsed) => {
      if (!restarted && elapsed >= (variant.loadSeconds * 1000) / 2) {
        restarted = stack!.redis.restart(aof).then((downMs) => ((faultEndedAt = Date.now()), downMs));
      }
    });
    const downMs = await restarted;

    const observed = await observe(`Redis restart ${aof ? 'with' : 'without'} AOF`, stack!, driver, envybox!, faultEndedAt);
    observed.figures.notes.push(`Redis was down ${downMs} ms`);
    report(observed.figures);
    // No worker died, so no lead may be sent twice.
    expect([...lossViolations(observed.figures), ...duplicateRuleViolations(observed)]).toEqual([]);
  });
});
