import {
  processingDefinitionSchema,
  type CreateProcessingInput,
  type ProcessingExport,
  type ProcessingStatus,
  type ProcessingView,
  type UpdateProcessingInput,
} from '@provod/contracts';
import { ProcessingsRepository, StatsRepository, type ChartBucket, type ProcessingStats } from '@provod/data';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { currentWorkspaceId } from '../common/workspace';
import { toIssues } from '../common/zod-validation.pipe';

/** 192 random bits: a webhook URL is a capability, so it must be unguessable. */
export function newWebhookToken(): string {
  return randomBytes(24).toString('base64url');
}

@Injectable()
export class ProcessingsService {
  constructor(
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
    @Inject(StatsRepository) private readonly stats: StatsRepository,
  ) {}

  list(): Promise<ProcessingView[]> {
    return this.processings.list(currentWorkspaceId());
  }

  async get(id: string): Promise<ProcessingView> {
    return found(await this.processings.find(currentWorkspaceId(), id));
  }

  create(input: CreateProcessingInput): Promise<ProcessingView> {
    assertCoherent(input.source, input.actions);
    return this.processings.create(currentWorkspaceId(), input, newWebhookToken());
  }

  async update(id: string, patch: UpdateProcessingInput): Promise<ProcessingView> {
    const current = await this.get(id);
    assertCoherent(patch.source ?? current.source, patch.actions ?? current.actions);
    return found(await this.processings.update(currentWorkspaceId(), id, patch));
  }

  async remove(id: string): Promise<void> {
    if (!(await this.processings.delete(currentWorkspaceId(), id))) throw new NotFoundException('Processing not found');
  }

  async setStatus(id: string, status: ProcessingStatus): Promise<ProcessingView> {
    return found(await this.processings.setStatus(currentWorkspaceId(), id, status));
  }

  /** A stopped copy with its own webhook URL, so it never takes the original's events. */
  async duplicate(id: string): Promise<ProcessingView> {
    const p = await this.get(id);
    return this.create({ name: `${p.name} (copy)`, source: p.source, actions: p.actions });
  }

  async regenerateToken(id: string): Promise<ProcessingView> {
    return found(await this.processings.regenerateToken(currentWorkspaceId(), id, newWebhookToken()));
  }

  listStats(): Promise<ProcessingStats[]> {
    return this.stats.perProcessing(currentWorkspaceId());
  }

  async chart(id: string, range: '24h' | '7d'): Promise<{ buckets: ChartBucket[] }> {
    await this.get(id);
    return { buckets: await this.stats.chart(currentWorkspaceId(), id, range) };
  }

  async export(id: string): Promise<ProcessingExport> {
    const p = await this.get(id);
    return { provod: 1, name: p.name, source: p.source, actions: p.actions };
  }

  /** An imported processing starts stopped, with a token of its own: it must not receive events by surprise. */
  import(data: ProcessingExport): Promise<ProcessingView> {
    return this.create({ name: data.name, source: data.source, actions: data.actions });
  }
}

function found(p: ProcessingView | null): ProcessingView {
  if (!p) throw new NotFoundException('Processing not found');
  return p;
}

/** Rules that span fields (unique step keys) are checked on every save, by the schema the worker also uses. */
function assertCoherent(source: unknown, actions: unknown): void {
  const result = processingDefinitionSchema.safeParse({ source, actions });
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new BadRequestException({ message: `Invalid processing: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
}
