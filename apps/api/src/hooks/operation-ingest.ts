import type { OperationStatus } from '@provod/contracts';
import { isDatabaseUnavailable, OperationQueue, OperationsRepository, type NewWebhookOperation } from '@provod/data';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GroupCommit } from './group-commit';

export interface StoredEvent {
  id: string;
  status: OperationStatus;
  /** Set when the event repeats one received within the deduplication window. */
  duplicateOf?: string;
}

/** Batches in flight at once: each holds one pooled connection while the others fill. */
const MAX_BATCHES_IN_FLIGHT = 2;
const MAX_EVENTS_PER_BATCH = 100;
/** A batch's events, roughly in characters of JSON, at most (one event may exceed it alone). */
const MAX_BATCH_CHARS = 4 * 1024 * 1024;

/**
 * Where webhooks are stored. Concurrent events share one INSERT and one commit (see GroupCommit), and
 * their jobs one round trip to Redis after it. A sender is answered only when its own row is
 * committed; enqueuing follows without holding the answers (the reconciler covers a lost one).
 */
@Injectable()
export class OperationIngest {
  private readonly logger = new Logger(OperationIngest.name);
  private readonly batches: GroupCommit<NewWebhookOperation, StoredEvent | null>;

  constructor(
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
  ) {
    this.batches = new GroupCommit((events) => this.writeBatch(events), {
      maxInFlight: MAX_BATCHES_IN_FLIGHT,
      maxItems: MAX_EVENTS_PER_BATCH,
      maxSize: MAX_BATCH_CHARS,
      // Roughly: the body is stored as text and decoded, beside headers and parameters.
      sizeOf: (event) => (event.request.bodyText?.length ?? 0) * 2 + 1_024,
      retryAlone: (error) => !isDatabaseUnavailable(error),
    });
  }

  /** Null when the token or the version changed since the target was looked up. */
  store(event: NewWebhookOperation): Promise<StoredEvent | null> {
    return this.batches.submit(event);
  }

  /**
   * A processing that deduplicates: under a lock on (processing, key), one event at a time, so
   * concurrent repeats cannot both slip through.
   */
  async storeDeduplicated(event: NewWebhookOperation, dedup: { key: string; windowSeconds: number }): Promise<StoredEvent | null> {
    const stored = await this.operations.insertFromWebhookDeduplicated(event, dedup);
    if (stored?.status === 'queued') void this.enqueue([{ operationId: stored.id, processingId: event.processingId }]);
    return stored;
  }

  private async writeBatch(events: NewWebhookOperation[]): Promise<Array<StoredEvent | null>> {
    const stored = await this.operations.insertManyFromWebhook(events);
    const queued = stored.flatMap((row, i) => (row?.status === 'queued' ? [{ operationId: row.id, processingId: events[i]!.processingId }] : []));
    if (queued.length) void this.enqueue(queued);
    return stored;
  }

  private async enqueue(jobs: Array<{ operationId: string; processingId: string }>): Promise<void> {
    const failure = await this.queue.tryEnqueueMany(jobs);
    if (failure) {
      this.logger.warn({ operationIds: jobs.map((j) => j.operationId), err: failure }, 'enqueue failed; the reconciler will enqueue the stored operations');
    }
  }
}
