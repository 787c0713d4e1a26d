import type { SecretCipher, SecretsRepository } from '@provod/data';
import { SecretsCache } from './secrets.cache';

/** A cipher that "decrypts" base64 to its text and counts the calls. */
function countingCipher() {
  const calls: string[] = [];
  const cipher = {
    decrypt: (data: Buffer) => {
      calls.push(data.toString());
      return data.toString();
    },
  } as unknown as SecretCipher;
  return { cipher, calls };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('SecretsCache', () => {
  it('decrypts each ciphertext once, and keeps the recent ones when full instead of starting over', () => {
    const { cipher, calls } = countingCipher();
    const sut = new SecretsCache(cipher, {} as SecretsRepository);
    expect(sut.decrypt({ KEY: b64('k1') })).toEqual({ values: { KEY: 'k1' }, list: ['k1'] });
    sut.decrypt({ KEY: b64('k1') });
    expect(calls).toEqual(['k1']);

    for (let i = 0; i < 5_000; i++) sut.decrypt({ [`S${i}`]: b64(`v${i}`) });
    calls.length = 0;
    // A cache that emptied itself when full would have lost this one with the rest.
    sut.decrypt({ RECENT: b64('v4998') });
    expect(calls).toEqual([]);
    sut.decrypt({ OLDEST: b64('k1') });
    expect(calls).toEqual(['k1']);
  });
});
