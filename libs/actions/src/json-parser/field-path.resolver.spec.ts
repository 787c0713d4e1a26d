import { isStepFailure } from '@provod/engine';
import fc from 'fast-check';
import { uonRequestFixture } from '../__tests__/uon-request.fixture';
import { followPath, parseFieldPath, resolveFieldPath } from './field-path.resolver';

describe('parseFieldPath', () => {
  it.each([
    ['["request"][0]["client_name"]', ['request', 0, 'client_name']],
    ["['request'][0]['client name']", ['request', 0, 'client name']],
    ['request[0].client_name', ['request', 0, 'client_name']],
    ['request.0.client_name', ['request', '0', 'client_name']],
    ['client[u_name]', ['client', 'u_name']],
    ['a["b.c"]["d\\"e"]', ['a', 'b.c', 'd"e']],
    [' [ "x" ] ', ['x']],
    ['["\\u0416"]', ['Ж']],
  ])('%s', (path, segments) => {
    expect(parseFieldPath(path)).toEqual(segments);
  });

  it.each(['', '["a"', '[]', 'a..b', 'a.', '["a"x]', 'a]'])('refuses %j with invalid_path', (path) => {
    let thrown: unknown;
    try {
      parseFieldPath(path);
    } catch (error) {
      thrown = error;
    }
    expect(isStepFailure(thrown) && thrown.code).toBe('invalid_path');
  });

  it('only ever throws StepFailure, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (path) => {
        try {
          followPath(uonRequestFixture, parseFieldPath(path));
        } catch (error) {
          expect(isStepFailure(error)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('resolveFieldPath', () => {
  it('reads the three forms', () => {
    expect(resolveFieldPath(uonRequestFixture, '["request"][0]["client_name"]')).toEqual({ found: true, value: 'Алексей' });
    expect(resolveFieldPath(uonRequestFixture, 'request[0].services[0].hotel')).toEqual({ found: true, value: 'Hilton' });
    expect(resolveFieldPath(uonRequestFixture, '$.request[0].calc_price')).toEqual({ found: true, value: 150000 });
    expect(resolveFieldPath(uonRequestFixture, '$..u_name')).toEqual({ found: true, value: 'Алексей' });
    expect(resolveFieldPath({ a: [{ x: 1 }, { x: 2 }] }, '$.a[*].x')).toEqual({ found: true, value: [1, 2], multiple: true });
    expect(resolveFieldPath(uonRequestFixture, 'request.length')).toEqual({ found: true, value: 1 });
  });

  it('tells where a path fell short', () => {
    const miss = resolveFieldPath(uonRequestFixture, '["request"][0]["dat_close"]');
    expect(miss).toEqual({ found: false, stoppedAt: uonRequestFixture.request[0], missing: 'dat_close' });
    expect(resolveFieldPath(uonRequestFixture, '["request"][5]["id"]')).toMatchObject({ found: false, missing: 5 });
    expect(resolveFieldPath(uonRequestFixture, '$.request[0].nope')).toMatchObject({ found: false });
  });

  it('does not follow the prototype chain', () => {
    for (const path of ['constructor', '["__proto__"]', 'request.constructor.name', 'toString', '$.constructor', '$.request.constructor']) {
      expect(resolveFieldPath(uonRequestFixture, path).found).toBe(false);
    }
  });

  it('refuses JSONPath scripts and paths over 1000 characters', () => {
    for (const path of ['$.request[?(@.id==61)]', `$.${'a'.repeat(1001)}`, 'a'.repeat(1001)]) {
      let thrown: unknown;
      try {
        resolveFieldPath(uonRequestFixture, path);
      } catch (error) {
        thrown = error;
      }
      expect(isStepFailure(thrown) && thrown.code).toBe('invalid_path');
    }
  });

  it('walks very deep data without exhausting the stack', () => {
    const depth = 20_000;
    const deep = JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) as unknown;
    expect(resolveFieldPath(deep, Array(depth).fill('a').join('.').slice(0, 999)).found).toBe(true);
    try {
      resolveFieldPath(deep, '$..b');
    } catch (error) {
      expect(isStepFailure(error)).toBe(true);
    }
  });
});
