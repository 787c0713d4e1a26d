import {
  processingDefinitionSchema,
  type ChartRange,
  type CreateProcessingInput,
  type PatchProcessingInput,
  type ProcessingDefinition,
  type ProcessingExport,
  type ProcessingView,
  type ReadinessReport,
  type ProcessingChart,
  type ProcessingStats,
  type ReplaceProcessingInput,
  type SavedProcessing,
} from '@provod/contracts';
import { ProcessingsRepository, StatsRepository, type DefinitionChange } from '@provod/data';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { currentUserId, currentWorkspaceId } from '../common/workspace';
import { toIssues } from '../common/zod-validation.pipe';
import { ProcessingReadiness, refusal } from './processing-readiness.service';
import { readableDefinition } from './readable-definition';

export type { SavedProcessing };

/** 192 random bits: a webhook URL is a capability, so it must be unguessable. */
export function newWebhookToken(): string {
  return randomBytes(24).toString('base64url');
}

@Injectable()
export class ProcessingsService {
  constructor(
    @Inject(ProcessingsRepository) private readonly processings: ProcessingsRepository,
    @Inject(StatsRepository) private readonly stats: StatsRepository,
    @Inject(ProcessingReadiness) private readonly readiness: ProcessingReadiness,
  ) {}

  async list(): Promise<ProcessingView[]> {
    return (await this.processings.list(currentWorkspaceId())).map(readableDefinition);
  }

  async get(id: string): Promise<ProcessingView> {
    return found(await this.processings.find(currentWorkspaceId(), id));
  }

  async create(input: CreateProcessingInput): Promise<SavedProcessing> {
    assertCoherent(input.source, input.actions);
    const warnings = await this.readiness.warningsOrRefuse(currentWorkspaceId(), input);
    return { ...readableDefinition(await this.processings.create(currentWorkspaceId(), input, newWebhookToken(), { userId: currentUserId() })), warnings };
  }

  /** PUT: the body is the whole definition (the schema made sure every field is there). */
  replace(id: string, input: ReplaceProcessingInput): Promise<SavedProcessing> {
    return this.save(id, { ...input, replaceSource: true });
  }

  /** PATCH: only the named fields change; `source` is merged over the current one. */
  patch(id: string, input: PatchProcessingInput): Promise<SavedProcessing> {
    return this.save(id, { ...input, replaceSource: false });
  }

  /** Saves an earlier version's source and actions as a new version (history is never rewritten). */
  restore(id: string, definition: Pick<ProcessingDefinition, 'source' | 'actions'>, restoredFrom: number): Promise<SavedProcessing> {
    return this.save(id, { ...definition, replaceSource: true, savedBy: { userId: currentUserId(), restoredFrom } });
  }

  private async save(id: string, change: DefinitionChange): Promise<SavedProcessing> {
    const current = await this.get(id);
    const next = assertCoherent(change.replaceSource ? change.source : { ...current.source, ...change.source }, change.actions ?? current.actions);
    const warnings = await this.readiness.warningsOrRefuse(currentWorkspaceId(), next);
    const saved = await this.processings.update(currentWorkspaceId(), id, { ...change, savedBy: change.savedBy ?? { userId: currentUserId() } });
    if (saved === 'running_needs_actions') throw runningNeedsActions();
    return { ...found(saved === 'not_found' ? null : saved), warnings };
  }

  async remove(id: string): Promise<void> {
    if (!(await this.processings.delete(currentWorkspaceId(), id))) throw new NotFoundException('Processing not found');
  }

  /** What stands in the way of starting, as the start button would be told. */
  async readinessOf(id: string): Promise<ReadinessReport> {
    const p = await this.get(id);
    const problems = await this.readiness.problems(currentWorkspaceId(), p);
    return { ready: problems.length === 0, problems };
  }

  /** Starts only what can work: every problem the check finds refuses the start, with the list. */
  async start(id: string): Promise<ProcessingView> {
    const { problems } = await this.readinessOf(id);
    if (problems.length) throw refusal('The processing cannot start', problems);
    const started = await this.processings.setStatus(currentWorkspaceId(), id, 'running');
    // The actions were removed between the check and the start.
    if (started === 'running_needs_actions') throw runningNeedsActions();
    return found(started === 'not_found' ? null : started);
  }

  async stop(id: string): Promise<ProcessingView> {
    const stopped = await this.processings.setStatus(currentWorkspaceId(), id, 'stopped');
    return found(stopped === 'not_found' || stopped === 'running_needs_actions' ? null : stopped);
  }

  /** A stopped copy with its own webhook URL, so it never takes the original's events. */
  async duplicate(id: string): Promise<SavedProcessing> {
    const p = await this.get(id);
    return this.create({ name: `${p.name} (copy)`, source: p.source, actions: p.actions });
  }

  async regenerateToken(id: string): Promise<ProcessingView> {
    return found(await this.processings.regenerateToken(currentWorkspaceId(), id, newWebhookToken()));
  }

  listStats(): Promise<ProcessingStats[]> {
    return this.stats.perProcessing(currentWorkspaceId());
  }

  async chart(id: string, range: ChartRange): Promise<ProcessingChart> {
    await this.get(id);
    return { buckets: await this.stats.chart(currentWorkspaceId(), id, range) };
  }

  async export(id: string): Promise<ProcessingExport> {
    const p = await this.get(id);
    return { provod: 1, name: p.name, source: p.source, actions: p.actions };
  }

  /** An imported processing starts stopped, with a token of its own: it must not receive events by surprise. */
  import(data: ProcessingExport): Promise<SavedProcessing> {
    return this.create({ name: data.name, source: data.source, actions: data.actions });
  }
}

/** Decided: a running processing keeps at least one action; emptying it means stopping it first. */
function runningNeedsActions(): BadRequestException {
  return new BadRequestException({
    message: 'A running processing must keep at least one step: stop it first, then remove its last step',
    issues: [{ path: 'actions', message: 'a running processing must keep at least one step; stop it first' }],
  });
}

function found(p: ProcessingView | null): ProcessingView {
  if (!p) throw new NotFoundException('Processing not found');
  return readableDefinition(p);
}

/** Rules that span fields (unique step keys) are checked on every save, by the schema the worker also uses. */
function assertCoherent(source: unknown, actions: unknown): ProcessingDefinition {
  const result = processingDefinitionSchema.safeParse({ source, actions });
  if (!result.success) {
    const issues = toIssues(result.error);
    throw new BadRequestException({ message: `Invalid processing: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
  }
  return result.data;
}
