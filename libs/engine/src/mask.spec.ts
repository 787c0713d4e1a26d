import { MASK, maskSecrets, maskText } from './mask';

describe('maskText', () => {
  const secrets = ['s3cr3t-KEY', 'abc'];

  it('hides every occurrence of a secret', () => {
    expect(maskText('key=s3cr3t-KEY, again s3cr3t-KEY.', secrets)).toBe(`key=${MASK}, again ${MASK}.`);
  });

  it('ignores secrets shorter than four characters', () => {
    expect(maskText('abc abcd', secrets)).toBe('abc abcd');
  });

  it('hides the longer of two overlapping secrets whole', () => {
    expect(maskText('x=longsecret1', ['long', 'longsecret1'])).toBe(`x=${MASK}`);
  });

  it('treats regular expression characters in secrets literally', () => {
    expect(maskText('a.b*c(d) and aXbbc', ['a.b*c(d)'])).toBe(`${MASK} and aXbbc`);
  });

  it('hides secrets percent-encoded, form-encoded and JSON-escaped', () => {
    const secret = 'p@ss w/rd"x';
    expect(maskText('https://h.test/p%40ss%20w%2Frd%22x/', [secret])).toBe(`https://h.test/${MASK}/`);
    expect(maskText('a=p%40ss+w%2Frd%22x', [secret])).toBe(`a=${MASK}`);
    expect(maskText('{"k":"p@ss w/rd\\"x"}', [secret])).toBe(`{"k":"${MASK}"}`);
  });

  it('hides secret-looking query parameters and URL passwords', () => {
    expect(
      maskText('GET https://api.test/x?id=5&api_key=zzz&Token=t1&client_secret=q&keyword=sea#top done', []),
    ).toBe(`GET https://api.test/x?id=5&api_key=${MASK}&Token=${MASK}&client_secret=${MASK}&keyword=sea#top done`);
    expect(maskText('see https://user:hunter2@host.test/path?sig=abc', [])).toBe(
      `see https://user:${MASK}@host.test/path?sig=${MASK}`,
    );
    expect(maskText('http://host.test/?password=&key=1', [])).toBe(`http://host.test/?password=&key=${MASK}`);
  });

  it('masks secret parameters of a request target or a bare query string', () => {
    expect(maskText('?id=5&token=abc', [])).toBe(`?id=5&token=${MASK}`);
    expect(maskText('/hooks/x?apikey=abc&a=1', [])).toBe(`/hooks/x?apikey=${MASK}&a=1`);
  });

  it('leaves text without secrets or URLs unchanged', () => {
    expect(maskText('token=abc in plain text', [])).toBe('token=abc in plain text');
  });
});

describe('maskSecrets', () => {
  const secrets = ['UON-SECRET-1'];

  it('deep-copies values, masking strings and keys', () => {
    const input = {
      url: 'https://api.u-on.ru/UON-SECRET-1/request/61.json',
      headers: { authorization: 'Bearer UON-SECRET-1' },
      list: [1, true, null, 'UON-SECRET-1', { 'UON-SECRET-1': 'v' }],
      n: 5,
    };
    const masked = maskSecrets(input, secrets);
    expect(masked).toEqual({
      url: `https://api.u-on.ru/${MASK}/request/61.json`,
      headers: { authorization: `Bearer ${MASK}` },
      list: [1, true, null, MASK, { [MASK]: 'v' }],
      n: 5,
    });
    expect(input.url).toContain('UON-SECRET-1');
    expect(masked).not.toBe(input);
  });

  it('masks a bare string and passes other primitives through', () => {
    expect(maskSecrets('x UON-SECRET-1', secrets)).toBe(`x ${MASK}`);
    expect(maskSecrets(42, secrets)).toBe(42);
    expect(maskSecrets(undefined, secrets)).toBeUndefined();
  });

  it('leaves Buffers alone', () => {
    const buffer = Buffer.from('UON-SECRET-1');
    const masked = maskSecrets({ buffer }, secrets);
    expect(masked.buffer).toBe(buffer);
  });

  it('keeps a "__proto__" key as data', () => {
    const masked = maskSecrets(JSON.parse('{"__proto__":{"polluted":"UON-SECRET-1"}}') as Record<string, unknown>, secrets);
    expect(Object.getPrototypeOf(masked)).toBe(Object.prototype);
    expect(Object.keys(masked)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('copes with very deep data', () => {
    const deep = JSON.parse('['.repeat(50_000) + '"UON-SECRET-1"' + ']'.repeat(50_000)) as unknown;
    let node = maskSecrets(deep, secrets);
    for (let i = 0; i < 50_000; i += 1) node = (node as unknown[])[0];
    expect(node).toBe(MASK);
  });

  it('is fast enough to run on every step', () => {
    const many = Array.from({ length: 50 }, (_, i) => `secret-value-${i}-xyz`);
    const payload = { items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}`, note: 'secret-value-7-xyz' })) };
    const started = performance.now();
    const masked = maskSecrets(payload, many);
    expect(performance.now() - started).toBeLessThan(500);
    expect(masked.items[1999]?.note).toBe(MASK);
  });
});
