import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 1;

/**
 * AES-256-GCM with a random 96-bit nonce per value. Stored layout: version byte, nonce, tag,
 * ciphertext, so the format can change later without guessing.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    // Accept any operator-chosen string; hashing gives exactly 32 bytes of key material.
    this.key = createHash('sha256').update(secretKey, 'utf8').digest();
  }

  encrypt(plain: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), body]);
  }

  decrypt(stored: Buffer): string {
    if (stored[0] !== VERSION) throw new Error(`unknown secret format ${stored[0]}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, stored.subarray(1, 13));
    decipher.setAuthTag(stored.subarray(13, 29));
    return Buffer.concat([decipher.update(stored.subarray(29)), decipher.final()]).toString('utf8');
  }
}

/** Development only: a fixed key so a fresh checkout works; production refuses to start without one. */
export const DEVELOPMENT_SECRET_KEY = 'provod-development-key-do-not-use-in-production';

export function resolveSecretKey(env: { NODE_ENV: string; PROVOD_SECRET_KEY?: string }): string {
  if (env.PROVOD_SECRET_KEY) return env.PROVOD_SECRET_KEY;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'PROVOD_SECRET_KEY is not set. It encrypts stored secrets; make one with: openssl rand -base64 32',
    );
  }
  return DEVELOPMENT_SECRET_KEY;
}
