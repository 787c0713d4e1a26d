import type { FakeEnvybox } from '../support/fake-envybox';
import type { Child } from './support/children';
import { envyboxAt, runningKeys, uonToEnvyboxProcessing } from './support/destinations';
import { duplicateRuleViolations, lossViolations, observe, report } from './support/fault-report';
import { FaultStack } from './support/fault-stack';
import { variant } from './support/fault-variant';
import { LoadDriver } from './support/load-driver';

jest.setTimeout(variant.caseTimeoutMs);

describe(`worker kill -9 under load (${variant.name})`, () => {
  let stack: FaultStack | undefined;
  let envybox: FakeEnvybox | undefined;

  afterEach(async () => {
    await stack?.stop();
    await envybox?.stop();
    stack = undefined;
  });

  /**
   * Kills `victim` with SIGKILL at the next instant Envybox has answered a lead (the worst moment: the
   * lead exists, the worker may not have recorded it), or after a second without one; then notes which
   * events were running at that instant.
   */
  function killAtNextAnswer(victim: Child, processingId: string, inFlight: Set<string>): Promise<void> {
    return new Promise<void>((resolve) => {
      const fire = () => {
        clearTimeout(fallback);
        envybox!.onAnswered = undefined;
        victim.process.kill('SIGKILL');
        void victim.exited
          .then(() => runningKeys(stack!, processingId))
          .then((keys) => keys.forEach((key) => inFlight.add(key)))
          .then(resolve);
      };
      const fallback = setTimeout(fire, 1_000);
      envybox!.onAnswered = fire;
    });
  }

  it(`kill -9 of the only worker ×${variant.workerKills}, restarted each time: nothing lost, only in-flight requests repeat, with their Idempotency-Key`, async () => {
    stack = await FaultStack.start({ workers: 1 });
    envybox = await envyboxAt();
    // Envybox takes a moment, so some kills land while a lead is on the wire.
    envybox.delayMs = 150;
    const processing = await uonToEnvyboxProcessing(stack, envybox);
    const driver = new LoadDriver(() => stack!.apiUrl, stack.uon);
    const inFlight = new Set<string>();
    const killAt = Array.from({ length: variant.workerKills }, (_, k) => ((k + 1) * variant.loadSeconds * 1000) / (variant.workerKills + 1));
    const kills: Array<Promise<void>> = [];
    let faultEndedAt = Date.now();

    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds, (elapsed) => {
      if (killAt.length && elapsed >= killAt[0]!) {
        killAt.shift();
        const victim = stack!.aliveWorkers()[0];
        if (!victim) return;
        kills.push(
          killAtNextAnswer(victim, processing.id, inFlight).then(() => {
            stack!.startWorker();
            faultEndedAt = Date.now();
          }),
        );
      }
    });
    await Promise.all(kills);

    const observed = await observe(`worker kill -9 ×${variant.workerKills}`, stack, driver, envybox, faultEndedAt);
    observed.figures.notes.push(`in flight at the kills: ${inFlight.size} events`);
    report(observed.figures);
    expect([...lossViolations(observed.figures), ...duplicateRuleViolations(observed, inFlight)]).toEqual([]);
  });

  it('two workers, one killed for good: the other finishes its work; nothing lost, only in-flight requests repeat', async () => {
    stack = await FaultStack.start({ workers: 2 });
    envybox = await envyboxAt();
    envybox.delayMs = 150;
    const processing = await uonToEnvyboxProcessing(stack, envybox);
    const driver = new LoadDriver(() => stack!.apiUrl, stack.uon);
    const inFlight = new Set<string>();
    let killed: Promise<void> | undefined;
    let faultEndedAt = Date.now();

    await driver.run(processing.webhookToken, variant.rate, variant.loadSeconds, (elapsed) => {
      if (!killed && elapsed >= (variant.loadSeconds * 1000) / 2) {
        killed = killAtNextAnswer(stack!.aliveWorkers()[0]!, processing.id, inFlight).then(() => void (faultEndedAt = Date.now()));
      }
    });
    await killed;

    const observed = await observe('two workers, kill -9 of one', stack, driver, envybox, faultEndedAt);
    observed.figures.notes.push(`in flight at the kill (either worker): ${inFlight.size} events; workers left: ${stack.aliveWorkers().length}`);
    report(observed.figures);
    expect([...lossViolations(observed.figures), ...duplicateRuleViolations(observed, inFlight)]).toEqual([]);
  });
});
