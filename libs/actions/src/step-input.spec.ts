import { StepFailure } from '@provod/engine';
import { throwWithInput } from './step-input';

function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('throwWithInput', () => {
  it("adds the step's input to a failure's details, keeping its code, message, details and retry hint", () => {
    const failure = new StepFailure('network', 'ECONNREFUSED', { cause: 'ECONNREFUSED' }, { retryable: true, retryAfterMs: 5 });
    const sut = thrownBy(() => throwWithInput(failure, { url: 'https://x.test/' }, { host: 'x.test' }));
    expect(sut).toBeInstanceOf(StepFailure);
    expect(sut).toMatchObject({
      code: 'network',
      message: 'ECONNREFUSED',
      details: { host: 'x.test', cause: 'ECONNREFUSED', input: { url: 'https://x.test/' } },
      retry: { retryable: true, retryAfterMs: 5 },
    });
  });

  it('lets the failure own details win over the facts, and the input over both', () => {
    const failure = new StepFailure('http_status', 'answered 404', { host: 'api.test', input: 'stale' });
    expect(thrownBy(() => throwWithInput(failure, 'rendered', { host: 'guess' }))).toMatchObject({ details: { host: 'api.test', input: 'rendered' } });
  });

  it('throws anything that is not a StepFailure unchanged: it is a fault of Provod', () => {
    const bug = new TypeError('x is undefined');
    expect(thrownBy(() => throwWithInput(bug, { url: 'https://x.test/' }))).toBe(bug);
  });
});
