import { httpRequestActionSchema } from '@provod/contracts';
import { isStepFailure, type StepFailure } from '@provod/engine';
import { testScope } from '../__tests__/test-context';
import { buildRequest } from './http-request.builder';

const settingsOf = (settings: Record<string, unknown>) =>
  httpRequestActionSchema.parse({ id: 'h1', key: 'send', name: 'Send', type: 'http_request', settings }).settings;

function failureOf(run: () => unknown): StepFailure {
  try {
    run();
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw error;
  }
  throw new Error('expected a StepFailure');
}

describe('buildRequest', () => {
  const key = 'UON-0123456789abcdef-KEY';

  it('masks a secret in an invalid address before cutting it', () => {
    for (const at of [185, 195, 198]) {
      const scope = testScope({ secrets: { UON: key } });
      const url = `https://api.test/${'a'.repeat(at - 17)}{{secrets.UON}}/x y/..`;
      const failure = failureOf(() => buildRequest(settingsOf({ method: 'GET', url }), scope));
      expect(failure.code).toBe('invalid_url');
      expect(failure.message).not.toContain(key.slice(0, 4));
    }
  });

  it('masks a secret in a header name it refuses', () => {
    const scope = testScope({ secrets: { UON: key } });
    const failure = failureOf(() =>
      buildRequest(settingsOf({ method: 'GET', url: 'https://api.test/', headers: [{ name: `${'x'.repeat(190)} {{secrets.UON}}`, value: '1' }] }), scope),
    );
    expect(failure.code).toBe('invalid_header');
    expect(failure.message).not.toContain(key.slice(0, 4));
  });
});
