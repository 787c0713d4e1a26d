import { DEVELOPMENT_SECRET_KEY, resolveSecretKey, SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const sut = new SecretCipher('operator key');

  it('round-trips any text, with a fresh nonce each time', () => {
    const value = 'ключ U-ON: 5f1c9a "quoted" 🚀';
    const a = sut.encrypt(value);
    const b = sut.encrypt(value);
    expect(a.equals(b)).toBe(false);
    expect(sut.decrypt(a)).toBe(value);
    expect(a.toString('latin1')).not.toContain('5f1c9a');
  });

  it('refuses a tampered value or a wrong key (GCM authentication)', () => {
    const stored = sut.encrypt('secret');
    const tampered = Buffer.from(stored);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => sut.decrypt(tampered)).toThrow();
    expect(() => new SecretCipher('another key').decrypt(stored)).toThrow();
  });
});

describe('resolveSecretKey', () => {
  it('refuses to run in production without a key, and says how to make one', () => {
    expect(() => resolveSecretKey({ NODE_ENV: 'production' })).toThrow(/PROVOD_SECRET_KEY.*openssl rand -base64 32/);
  });

  it('uses the configured key, or a development key outside production', () => {
    expect(resolveSecretKey({ NODE_ENV: 'production', PROVOD_SECRET_KEY: 'k' })).toBe('k');
    expect(resolveSecretKey({ NODE_ENV: 'development' })).toBe(DEVELOPMENT_SECRET_KEY);
  });
});
