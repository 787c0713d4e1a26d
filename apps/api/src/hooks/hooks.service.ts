import { extractParams, type RawRequest } from '@provod/contracts';
import type { WebhookTarget } from '@provod/data';
import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { renderText } from '@provod/engine';
import { OperationIngest, type StoredEvent } from './operation-ingest';
import { parseWebhookRequest, type IncomingWebhook } from './parse-webhook-request';
import { WebhookInputError } from './webhook-input.error';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookTargetCache } from './webhook-target.cache';

/**
 * How long a sender should wait before trying a webhook again when the event could not be stored.
 * Short: a database blip is usually over in seconds, and the sender keeps the event meanwhile.
 */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

export interface WebhookAck {
  ok: true;
  operationId: string;
  status: StoredEvent['status'];
  /** Set when the event repeats one received within the deduplication window. */
  duplicateOf?: string;
}

@Injectable()
export class HooksService {
  private readonly logger = new Logger(HooksService.name);

  constructor(
    @Inject(WebhookTargetCache) private readonly targets: WebhookTargetCache,
    @Inject(OperationIngest) private readonly ingest: OperationIngest,
    @Inject(WebhookRateLimiter) private readonly limiter: WebhookRateLimiter,
  ) {}

  /**
   * Stores the event, and only then acknowledges it. Its job is enqueued after the commit; if Redis
   * is unavailable the event is still safe and the reconciler enqueues it later.
   */
  async receive(token: string, incoming: IncomingWebhook, clientAddress: string): Promise<WebhookAck> {
    const stored = await this.guardStorage(async () => {
      // 1. Which processing the URL belongs to (cached for a moment), its rate and its methods.
      let target = await this.requireTarget(token, incoming.method, clientAddress);
      await this.limiter.checkRate(token);
      // 2. The request, decoded once.
      const request = await this.parse(incoming);
      // 3. Stored against the version it was read under; the insert checks that version is still live.
      const first = await this.store(token, target, request);
      if (first) return first;
      // 4. The processing changed since it was cached (new version or URL): look again, store once more.
      target = await this.requireTarget(token, incoming.method, clientAddress, { fresh: true });
      return this.store(token, target, request);
    });
    if (!stored) throw new NotFoundException('Unknown webhook');
    return { ok: true, operationId: stored.id, status: stored.status, ...(stored.duplicateOf ? { duplicateOf: stored.duplicateOf } : {}) };
  }

  private async requireTarget(token: string, method: string, clientAddress: string, options = { fresh: false }): Promise<WebhookTarget> {
    const target = await this.targets.get(token, options.fresh);
    if (!target) {
      await this.limiter.refuseUnknownToken(clientAddress);
      throw new NotFoundException('Unknown webhook');
    }
    if (!target.source.methods.includes(method.toUpperCase() as never)) {
      throw new HttpException(
        { message: `This webhook accepts ${target.source.methods.join(', ')}, not ${method.toUpperCase()}.` },
        405,
      );
    }
    return target;
  }

  private async parse(incoming: IncomingWebhook): Promise<RawRequest> {
    try {
      return await parseWebhookRequest(incoming);
    } catch (error) {
      if (error instanceof WebhookInputError) throw new HttpException({ message: error.message }, error.status);
      throw error;
    }
  }

  private store(token: string, target: WebhookTarget, request: RawRequest): Promise<StoredEvent | null> {
    const params = extractParams(request, target.source.parameters);
    const event = { processingId: target.id, webhookToken: token, processingVersion: target.version, request, params };
    const dedup = target.source.dedup;
    if (dedup) {
      const key = renderText(dedup.key, { source: params, event: request, secrets: {} }, { requireSource: false }).value;
      // An empty key (the fields it names are absent) cannot identify a repeat: store as usual.
      if (key.trim()) return this.ingest.storeDeduplicated(event, { key, windowSeconds: dedup.windowSeconds });
    }
    return this.ingest.store(event);
  }

  /** A storage failure must never look like success to the sender: it gets 503 and retries. */
  private async guardStorage<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      this.logger.error({ err: (error as Error).message }, 'webhook could not be stored');
      throw new ServiceUnavailableException({ message: 'The event could not be stored; please retry.', retryAfter: STORAGE_RETRY_AFTER_SECONDS });
    }
  }
}
