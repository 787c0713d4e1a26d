import { SecretCipher, SecretsRepository } from '@provod/data';
import { LruCache } from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';

const MAX_ENTRIES = 5_000;

/**
 * Secrets arrive with each claimed operation (same statement, so a changed key applies to the very
 * next operation); decrypting is cached by ciphertext, which changes whenever a value does.
 */
@Injectable()
export class SecretsCache {
  private readonly plain = new LruCache<string, string>(MAX_ENTRIES);

  constructor(
    @Inject(SecretCipher) private readonly cipher: SecretCipher,
    @Inject(SecretsRepository) private readonly secrets: SecretsRepository,
  ) {}

  /** Off the hot path (e-mails): read fresh from the database. */
  async get(workspaceId: string): Promise<{ values: Record<string, string>; list: string[] }> {
    const values = await this.secrets.values(workspaceId);
    return { values, list: Object.values(values) };
  }

  decrypt(encrypted: Record<string, string>): { values: Record<string, string>; list: string[] } {
    const values: Record<string, string> = {};
    for (const [name, base64] of Object.entries(encrypted)) {
      let value = this.plain.get(base64);
      if (value === undefined) {
        value = this.cipher.decrypt(Buffer.from(base64, 'base64'));
        this.plain.set(base64, value);
      }
      values[name] = value;
    }
    return { values, list: Object.values(values) };
  }
}
