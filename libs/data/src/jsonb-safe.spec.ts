import { toJsonbSafe, toJsonbText } from './jsonb-safe';

describe('JSON for jsonb', () => {
  it('writes ordinary values as JSON.stringify does', () => {
    const value = { name: 'Иван', phone: '+7 900', nested: [1, 'два', { ok: true }], emoji: '😀' };
    expect(toJsonbText(value)).toBe(JSON.stringify(value));
  });

  it('replaces NUL and lone surrogates, which jsonb refuses, wherever they are', () => {
    const value = { ['k\u0000ey']: ['a\u0000b', 'lone \ud800 high', 'lone \udfff low'] };
    const text = toJsonbText(value);
    expect(JSON.parse(text)).toEqual({ 'k\uFFFDey': ['a\uFFFDb', 'lone \uFFFD high', 'lone \uFFFD low'] });
    expect(text).toBe(JSON.stringify(toJsonbSafe(value)));
  });

  it('leaves a text that only looks like such an escape as it is', () => {
    const value = { text: 'a backslash then u0000: \\u0000 and \\ud800' };
    expect(JSON.parse(toJsonbText(value))).toEqual(value);
  });
});
