import { extractParams, type OperationStatus } from '@provod/contracts';
import { OperationQueue, OperationsRepository, type WebhookTarget } from '@provod/data';
import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { renderText } from '@provod/engine';
import { parseWebhookRequest, type IncomingWebhook } from './parse-webhook-request';
import { STORAGE_RETRY_AFTER_SECONDS } from './storage-unavailable.filter';
import { WebhookInputError } from './webhook-input.error';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookTargetCache } from './webhook-target.cache';

export interface WebhookAck {
  ok: true;
  operationId: string;
  status: OperationStatus;
  /** Set when the event repeats one received within the deduplication window. */
  duplicateOf?: string;
}

@Injectable()
export class HooksService {
  private readonly logger = new Logger(HooksService.name);

  constructor(
    @Inject(WebhookTargetCache) private readonly targets: WebhookTargetCache,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
    @Inject(WebhookRateLimiter) private readonly limiter: WebhookRateLimiter,
  ) {}

  /**
   * Stores the event, and only then acknowledges it. Enqueuing comes after the commit; if Redis is
   * unavailable the event is still safe and the reconciler enqueues it later.
   */
  async receive(token: string, incoming: IncomingWebhook, clientAddress: string): Promise<WebhookAck> {
    const stored = await this.guardStorage(async () => {
      const target = await this.requireTarget(token, false, incoming.method, clientAddress);
      return (
        (await this.store(token, target, incoming)) ??
        this.store(token, await this.requireTarget(token, true, incoming.method, clientAddress), incoming)
      );
    });
    if (!stored) throw new NotFoundException('Unknown webhook');
    // The event is committed: the sender can have its answer now. Enqueuing follows without holding
    // the response; should this process die first, the reconciler enqueues the stored operation.
    if (stored.status === 'queued') void this.enqueue(stored.id);
    return { ok: true, operationId: stored.id, status: stored.status, ...(stored.duplicateOf ? { duplicateOf: stored.duplicateOf } : {}) };
  }

  private async enqueue(operationId: string): Promise<void> {
    const failure = await this.queue.tryEnqueue(operationId);
    if (failure) this.logger.warn({ operationId, err: failure }, 'enqueue failed; the reconciler will enqueue the stored operation');
  }

  private async requireTarget(token: string, fresh: boolean, method: string, clientAddress: string): Promise<WebhookTarget> {
    const target = await this.targets.get(token, fresh);
    if (!target) {
      await this.limiter.refuseUnknownToken(clientAddress);
      throw new NotFoundException('Unknown webhook');
    }
    // The URL is known: only its own rate counts (once, not again on the fresh re-read).
    if (!fresh) await this.limiter.checkRate(token);
    if (!target.source.methods.includes(method.toUpperCase() as never)) {
      throw new HttpException(
        { message: `This webhook accepts ${target.source.methods.join(', ')}, not ${method.toUpperCase()}.` },
        405,
      );
    }
    return target;
  }

  private async store(token: string, target: WebhookTarget, incoming: IncomingWebhook) {
    let request;
    try {
      request = await parseWebhookRequest(incoming);
    } catch (error) {
      if (error instanceof WebhookInputError) throw new HttpException({ message: error.message }, error.status);
      throw error;
    }
    const params = extractParams(request, target.source.parameters);
    const operation = { processingId: target.id, webhookToken: token, processingVersion: target.version, request, params };
    const dedup = target.source.dedup;
    if (dedup) {
      const key = renderText(dedup.key, { source: params, event: request, secrets: {} }, { requireSource: false }).value;
      // An empty key (the fields it names are absent) cannot identify a repeat: store as usual.
      if (key.trim()) return this.operations.insertFromWebhookDeduplicated(operation, { key, windowSeconds: dedup.windowSeconds });
    }
    return this.operations.insertFromWebhook(operation);
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
