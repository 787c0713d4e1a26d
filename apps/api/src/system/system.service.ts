import type { RequeuedOperation, SystemOverview, WorkerProcess } from '@provod/contracts';
import { OperationQueue, OperationsRepository, ProcessingsRepository, PROVOD_CONFIG, REDIS, SystemRepository, workerHeartbeatKey, type ProvodConfig } from '@provod/data';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type IORedis from 'ioredis';
import { currentWorkspaceId } from '../common/workspace';
import { workspaceCapacity } from './capacity-overview';

export type { WorkerProcess };

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** The owner's view of the installation: who works, what waits, what gave up, and how mail fares. */
@Injectable()
export class SystemService {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(REDIS) private readonly redis: IORedis,
    @Inject(OperationQueue) private readonly queue: OperationQueue,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(SystemRepository) private readonly system: SystemRepository,
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
  ) {}

  async overview(): Promise<SystemOverview> {
    // Owners only: the controller is @RequireRole('owner'), enforced by the session guard.
    const workspaceId = currentWorkspaceId();
    const [workers, queue, backlog, databaseBytes, givenUp, mail, capacity] = await Promise.all([
      this.workers(),
      this.queue.queue.getJobCounts(...QUEUE_STATES),
      this.operations.backlog(),
      this.system.databaseSizeBytes(),
      this.system.givenUp(workspaceId),
      this.system.mailStatus(workspaceId),
      this.capacity(workspaceId),
    ]);
    return {
      workers,
      queue,
      backlog,
      database: { sizeBytes: databaseBytes },
      givenUp,
      mail: { configured: Boolean(this.config.SMTP_URL), ...mail },
      capacity,
    };
  }

  /** Which of this workspace's processings and destination hosts are busy, and who waits for them. */
  private async capacity(workspaceId: string) {
    const processings = await this.processings.list(workspaceId);
    return workspaceCapacity(this.redis, this.config.QUEUE_PREFIX, processings, {
      perHost: this.config.DESTINATION_HOST_CONCURRENCY,
      overrides: this.config.DESTINATION_HOST_CONCURRENCY_OVERRIDES,
    });
  }

  /** Puts an operation the queue gave up on back in line; steps that succeeded are not repeated. */
  async retry(operationId: string): Promise<RequeuedOperation> {
    // Owners only: the controller is @RequireRole('owner'), enforced by the session guard.
    const workspaceId = currentWorkspaceId();
    if (!(await this.system.requeueGivenUp(workspaceId, operationId))) {
      throw new NotFoundException('No operation of this workspace that the queue gave up on has this id');
    }
    // The failed job still holds the id; ensureQueued replaces it. If Redis is down the reconciler does it.
    await this.queue.ensureQueued(operationId).catch(() => undefined);
    return { id: operationId, status: 'queued' };
  }

  private async workers(): Promise<WorkerProcess[]> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', workerHeartbeatKey(this.config.QUEUE_PREFIX, '*'), 'COUNT', 100);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    const prefix = workerHeartbeatKey(this.config.QUEUE_PREFIX, '');
    const list = await Promise.all(
      keys.map(async (key) => {
        const [value, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
        const beat = parseBeat(value);
        return { id: key.slice(prefix.length), pid: beat.pid, startedAt: beat.startedAt, lastBeatAt: beat.beatAt, expiresInMs: Math.max(0, ttl) };
      }),
    );
    return list.sort((a, b) => a.id.localeCompare(b.id));
  }
}

function parseBeat(value: string | null): { pid: number | null; startedAt: string | null; beatAt: string | null } {
  try {
    const parsed = JSON.parse(value ?? '{}') as { pid?: number; startedAt?: string; beatAt?: string };
    return { pid: parsed.pid ?? null, startedAt: parsed.startedAt ?? null, beatAt: parsed.beatAt ?? null };
  } catch {
    return { pid: null, startedAt: null, beatAt: null };
  }
}
