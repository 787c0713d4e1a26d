import type { EventCount, ReplayedOperation, ReplayFrom, ReplayVersion } from '@provod/contracts';
import { OperationQueue, ProcessingsRepository, ReplaysRepository } from '@provod/data';
import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { currentWorkspaceId } from '../common/workspace';
import { OperationsService } from './operations.service';

/** Replays and held events: rows are committed first, then enqueued, as for webhooks. */
@Injectable()
export class ReplaysService {
  private readonly logger = new Logger(ReplaysService.name);

  constructor(
    @Inject(ReplaysRepository) private readonly replays: ReplaysRepository,
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
    @Inject(OperationsService) private readonly operations: OperationsService,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
  ) {}

  async replayOne(operationId: string, from: ReplayFrom, version: ReplayVersion): Promise<ReplayedOperation> {
    const original = await this.operations.get(operationId);
    if (original.status !== 'failed' && original.status !== 'succeeded' && original.status !== 'filtered') {
      throw new ConflictException(`Only finished operations can be replayed; this one is ${original.status}`);
    }
    const id = await this.replays.replayOne(currentWorkspaceId(), operationId, from, version);
    if (!id) throw new NotFoundException('Operation not found');
    await this.enqueue([id]);
    return this.operations.get(id);
  }

  async replayFailed(processingId: string, from: ReplayFrom, version: ReplayVersion, range: { from?: string; to?: string }): Promise<EventCount> {
    await this.requireProcessing(processingId);
    const ids = await this.replays.replayFailed(currentWorkspaceId(), processingId, from, version, range);
    await this.enqueue(ids);
    return { count: ids.length };
  }

  async heldCount(processingId: string): Promise<EventCount> {
    await this.requireProcessing(processingId);
    return { count: await this.replays.heldCount(currentWorkspaceId(), processingId) };
  }

  async processHeld(processingId: string): Promise<EventCount> {
    const processing = await this.requireProcessing(processingId);
    if (processing.status !== 'running') throw new ConflictException('Start the processing first, then process its held events');
    const ids = await this.replays.releaseHeld(currentWorkspaceId(), processingId);
    await this.enqueue(ids);
    return { count: ids.length };
  }

  async discardHeld(processingId: string): Promise<EventCount> {
    await this.requireProcessing(processingId);
    return { count: await this.replays.discardHeld(currentWorkspaceId(), processingId) };
  }

  private async requireProcessing(id: string) {
    const processing = await this.processings.find(currentWorkspaceId(), id);
    if (!processing) throw new NotFoundException('Processing not found');
    return processing;
  }

  /** Enqueue failures are not fatal: the rows are committed and the reconciler enqueues them. */
  private async enqueue(ids: string[]): Promise<void> {
    for (const id of ids) {
      const failure = await this.queue.tryEnqueue(id);
      if (failure) this.logger.warn({ operationId: id, err: failure }, 'enqueue failed; the reconciler will retry');
    }
  }
}
