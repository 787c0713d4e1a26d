import { SecretsRepository } from '@provod/data';
import { Inject, Injectable } from '@nestjs/common';

const TTL_MS = 5_000;

/** Secrets change rarely; decrypting them once per workspace every few seconds spares each event a query. */
@Injectable()
export class SecretsCache {
  private readonly entries = new Map<string, { values: Record<string, string>; list: string[]; expires: number }>();

  constructor(@Inject(SecretsRepository) private readonly secrets: SecretsRepository) {}

  async get(workspaceId: string): Promise<{ values: Record<string, string>; list: string[] }> {
    const hit = this.entries.get(workspaceId);
    if (hit && hit.expires > Date.now()) return hit;
    const values = await this.secrets.values(workspaceId);
    const entry = { values, list: Object.values(values), expires: Date.now() + TTL_MS };
    this.entries.set(workspaceId, entry);
    return entry;
  }
}
