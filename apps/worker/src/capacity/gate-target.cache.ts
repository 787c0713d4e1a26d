import { CapacityRepository, type OperationGateTarget } from '@provod/data';
import { LruCache } from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';

const MAX_OPERATIONS = 10_000;
/** A limit changed in the editor applies within this long. */
export const LIMIT_TTL_MS = 5_000;

/**
 * An event that waited for a slot is looked at twice (parked, then woken). Which processing it
 * belongs to never changes (and a webhook's job says it), and a processing's limit changes rarely, so
 * the second look, and most looks at a busy processing's limit, need no database round trip.
 */
@Injectable()
export class GateTargetCache {
  private readonly processingOf = new LruCache<string, string>(MAX_OPERATIONS);
  private readonly limits = new LruCache<string, { concurrency: number; until: number }>(MAX_OPERATIONS);

  constructor(@Inject(CapacityRepository) private readonly capacity: CapacityRepository) {}

  /** `knownProcessingId`: what the job says (webhook jobs do), which saves the lookup of the operation. */
  async targetOf(operationId: string, knownProcessingId?: string): Promise<OperationGateTarget | null> {
    const processingId = knownProcessingId ?? this.processingOf.get(operationId);
    const limit = processingId ? this.limits.get(processingId) : undefined;
    if (processingId && limit && limit.until > Date.now()) return { processingId, concurrency: limit.concurrency };
    const target = await this.capacity.gateTargetOf(operationId);
    if (!target) return null;
    this.processingOf.set(operationId, target.processingId);
    this.limits.set(target.processingId, { concurrency: target.concurrency, until: Date.now() + LIMIT_TTL_MS });
    return target;
  }

  /** The operation ran (or ended): it will not be looked at again. */
  forget(operationId: string): void {
    this.processingOf.delete(operationId);
  }
}
