import fc from 'fast-check';
import { runInNewContext } from 'node:vm';
import { FRAGMENT_LENGTH, MASK, maskedPreview, maskSecrets, maskText } from './mask';

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

  it('keeps the parts of a query around a masked value', () => {
    expect(maskText('https://h.test/a?x=1;token=abc;y=2&&pass=w#frag?key=not-a-query', [])).toBe(
      `https://h.test/a?x=1;token=${MASK};y=2&&pass=${MASK}#frag?key=${MASK}`,
    );
    expect(maskText('"https://h.test/?a=1&api-key=zz" and xhttps://h.test/?token=kept', [])).toBe(
      `"https://h.test/?a=1&api-key=${MASK}" and xhttps://h.test/?token=kept`,
    );
    expect(maskText('HTTPS://u:@h.test/ ftp://u:p@h.test/', [])).toBe('HTTPS://u:@h.test/ ftp://u:p@h.test/');
  });

  it('leaves text without secrets or URLs unchanged', () => {
    expect(maskText('token=abc in plain text', [])).toBe('token=abc in plain text');
  });
});

describe('maskText with secrets in other forms', () => {
  const key = 'Zx9-Qw7_Lp4:Mn2/Rt8';
  const secrets = [key];
  const hidden = (text: string): string => {
    const masked = maskText(text, secrets);
    for (let i = 0; i + FRAGMENT_LENGTH <= key.length; i += 1) {
      expect(masked.toLowerCase()).not.toContain(key.slice(i, i + FRAGMENT_LENGTH).toLowerCase());
    }
    return masked;
  };

  it('hides a secret upper- or lower-cased', () => {
    expect(hidden(`a ${key.toUpperCase()} b ${key.toLowerCase()} c`)).toBe(`a ${MASK} b ${MASK} c`);
  });

  it('hides a secret URL-encoded once or twice', () => {
    const once = encodeURIComponent(key);
    expect(hidden(`/x/${once}/y`)).toBe(`/x/${MASK}/y`);
    expect(hidden(`/x/${encodeURIComponent(once)}/y`)).toBe(`/x/${MASK}/y`);
    expect(hidden(`/x/${once.toLowerCase()}`)).toBe(`/x/${MASK}`);
  });

  it('hides a secret JSON-escaped once and twice', () => {
    const quoted = 'ab"cd\\ef/gh';
    const once = JSON.stringify({ k: quoted });
    const twice = JSON.stringify({ body: once });
    expect(maskText(once, [quoted])).toBe(`{"k":"${MASK}"}`);
    expect(maskText(twice, [quoted])).toBe(`{"body":"{\\"k\\":\\"${MASK}\\"}"}`);
  });

  it('hides a secret inside base64, whatever stands before it', () => {
    for (const user of ['', 'u', 'us', 'user']) {
      const basic = Buffer.from(`${user}:${key}`).toString('base64');
      const masked = maskText(`Authorization: Basic ${basic}`, secrets);
      expect(masked).toContain(MASK);
      expect(Buffer.from(masked.slice(masked.indexOf('Basic ') + 6).replace(MASK, ''), 'base64').toString()).not.toContain(key.slice(2, 10));
    }
    // The last characters of a base64 text also depend on what follows the secret: at most 3 stay.
    const urlSafe = maskText(Buffer.from(key).toString('base64url'), secrets);
    expect(urlSafe.startsWith(MASK) && urlSafe.length <= MASK.length + 3).toBe(true);
  });

  it('hides any run of eight or more characters of a secret, as substring and replace leave them', () => {
    expect(hidden(`id=${key.slice(3, 11)}!`)).toBe(`id=${MASK}!`);
    expect(hidden(`${key.slice(0, 12)}`)).toBe(MASK);
    expect(hidden(key.replace('Lp4', '***'))).toBe(`${MASK}***${MASK}`);
    // Shorter runs are ordinary text: hiding them would hide half the history.
    expect(maskText(key.slice(0, 7), secrets)).toBe(key.slice(0, 7));
  });

  it('does not let a secret that is a URL hide every "https://"', () => {
    const hook = 'https://hooks.example.test/services/T0/B0/XyZ123';
    expect(maskText(`see https://other.test/a and ${hook}`, [hook])).toBe(`see https://other.test/a and ${MASK}`);
  });

  it('hides the start or end of a secret beside a cut mark', () => {
    expect(maskText(`answer: {"key":"${key.slice(0, 5)}…`, secrets)).toBe(`answer: {"key":"${MASK}…`);
    expect(maskText(`…${key.slice(-5)}"}`, secrets)).toBe(`…${MASK}"}`);
    expect(maskText('ordinary text… ends', secrets)).toBe('ordinary text… ends');
  });

  it('masks before cutting a preview', () => {
    const text = `${'x'.repeat(195)}${key} tail`;
    const preview = maskedPreview(text, secrets, 200);
    expect(preview).toBe(`${'x'.repeat(195)}${MASK}…`.slice(0, 200) + '…');
    expect(preview).not.toContain(key.slice(0, 5));
  });
});

describe('maskText against random secrets and texts', () => {
  // A small alphabet forces overlapping, nested and repeated matches, where a pattern matcher breaks.
  const letters = fc.constantFrom('a', 'b', 'A', 'B', '-', 'c');
  const word = (min: number, max: number) => fc.array(letters, { minLength: min, maxLength: max }).map((l) => l.join(''));

  it('leaves no run of eight characters of any secret, in any case, and is stable', () => {
    fc.assert(
      fc.property(fc.array(word(4, 16), { minLength: 1, maxLength: 4 }), word(0, 120), (secrets, filler) => {
        const text = `${filler}${secrets.join(filler.slice(0, 3))}${filler}`;
        const masked = maskText(text, secrets);
        const folded = masked.toLowerCase();
        for (const secret of secrets) {
          const lower = secret.toLowerCase();
          for (let i = 0; i + FRAGMENT_LENGTH <= lower.length; i += 1) expect(folded).not.toContain(lower.slice(i, i + FRAGMENT_LENGTH));
          if (secret.length < FRAGMENT_LENGTH) expect(folded).not.toContain(lower);
        }
        expect(maskText(masked, secrets)).toBe(masked);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('maskText on hostile input', () => {
  // Figures only: a shared machine makes any time limit flaky, but a quadratic pass shows as minutes.
  const timed = (label: string, text: string, secrets: string[]): string => {
    const started = performance.now();
    const masked = maskText(text, secrets);
    process.stdout.write(`maskText ${label} (${text.length} chars): ${(performance.now() - started).toFixed(1)} ms\n`);
    return masked;
  };

  it.each([100_000, 420_000, 1_000_000, 5_000_000])('passes "http://a/" + "?"×%i once', (n) => {
    const text = `http://a/${'?'.repeat(n)}`;
    expect(timed(`"http://a/"+"?"x${n}`, text, ['UON-SECRET-KEY-1'])).toBe(text);
  });

  it('passes other worst cases once', () => {
    const n = 1_000_000;
    const pairs = '&token='.repeat(n / 7);
    expect(timed('"&token=" repeated', `https://h.test/${pairs}`, [])).toBe(`https://h.test/${pairs}`);
    const schemes = 'https://'.repeat(n / 8);
    expect(timed('"https://" repeated', schemes, [])).toBe(schemes);
    const same = 'a'.repeat(n);
    expect(timed('a run of the secret\'s one letter', same, ['a'.repeat(40)])).toBe(MASK);
    const near = `${'abcdefg'.repeat(n / 7)}`;
    expect(timed('near-misses of a secret', near, ['abcdefgX'])).toBe(near);
    const cuts = `${'KEY1…'.repeat(n / 5)}`;
    expect(timed('cut marks after a secret\'s start', cuts, ['KEY1234567'])).toBe(`${MASK}…`.repeat(n / 5));
    const many = Array.from({ length: 200 }, (_, i) => `secret-${i}-${'q'.repeat(30)}`);
    expect(timed('200 secrets over 1 MB', 'z'.repeat(n), many)).toBe('z'.repeat(n));
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

  it('masks objects made in another realm, as a sandbox thread hands results back', () => {
    const foreign = runInNewContext('({ input: { url: "https://h.test/UON-SECRET-1/x", list: [{ k: "UON-SECRET-1" }] } })') as unknown;
    expect(JSON.stringify(maskSecrets(foreign, secrets))).toBe(JSON.stringify({ input: { url: `https://h.test/${MASK}/x`, list: [{ k: MASK }] } }));
    expect(maskSecrets(runInNewContext('new Date(0)'), secrets)).toEqual(new Date(0));
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

  it('masks a short string the same on every call, and a new secret list in it too, however often it recurs', () => {
    for (let i = 0; i < 3; i += 1) expect(maskSecrets({ 'key UON-SECRET-1': 'UON-SECRET-1' }, secrets)).toEqual({ [`key ${MASK}`]: MASK });
    // Remembered per secret list: a list without the secret leaves the same text as it is.
    expect(maskSecrets({ 'key UON-SECRET-1': 'x' }, ['zq-7731-wpx-0084'])).toEqual({ 'key UON-SECRET-1': 'x' });
    // Past the memo's size, everything is still masked.
    const many = Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, `v${i} UON-SECRET-1`]));
    expect(Object.values(maskSecrets(many, secrets)).every((value) => value === `${(value as string).split(' ')[0]} ${MASK}`)).toBe(true);
  });

  it('copes with very deep data', () => {
    const deep = JSON.parse('['.repeat(50_000) + '"UON-SECRET-1"' + ']'.repeat(50_000)) as unknown;
    let node = maskSecrets(deep, secrets);
    for (let i = 0; i < 50_000; i += 1) node = (node as unknown[])[0];
    expect(node).toBe(MASK);
  });

  it('runs on every step, compiling a secret list once', () => {
    const many = Array.from({ length: 50 }, (_, i) => `secret-value-${i}-xyz`);
    const payload = { items: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `item ${i}`, note: 'secret-value-7-xyz' })) };
    // Figures only (no time limit on a shared machine): the first call compiles the list, the second reuses it.
    for (const label of ['first call, compiling 50 secrets', 'second call']) {
      const started = performance.now();
      const masked = maskSecrets(payload, many);
      process.stdout.write(`maskSecrets over 2,000 items, ${label}: ${(performance.now() - started).toFixed(1)} ms\n`);
      expect(masked.items[1999]?.note).toBe(MASK);
      expect(masked.items[1]?.name).toBe('item 1');
    }
  });
});
