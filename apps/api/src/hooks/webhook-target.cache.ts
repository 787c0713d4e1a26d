import { ProcessingsRepository, type WebhookTarget } from '@provod/data';
import { LruCache } from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';

const TTL_MS = 2_000;
const MAX_ENTRIES = 10_000;

/**
 * Every webhook needs its processing's parameter list; reading it once per token every couple of
 * seconds keeps ingest at one database round trip per event. Staleness is harmless: the insert
 * re-checks token and version against the live row.
 */
@Injectable()
export class WebhookTargetCache {
  private readonly entries = new LruCache<string, { target: WebhookTarget | null; expires: number }>(MAX_ENTRIES);

  constructor(@Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository) {}

  async get(token: string, fresh = false): Promise<WebhookTarget | null> {
    const now = Date.now();
    const hit = this.entries.get(token);
    if (!fresh && hit && hit.expires > now) return hit.target;
    const target = await this.processings.findWebhookTarget(token);
    this.entries.set(token, { target, expires: now + TTL_MS });
    return target;
  }
}
