import {
  extractParams,
  processingDefinitionSchema,
  webhookSourceSchema,
  type TestRunResult,
} from '@provod/contracts';
import { OperationsRepository, SecretsRepository } from '@provod/data';
import { maskSecrets, runOperation, systemClock, type ExecutorRegistry, type HttpPort, type MailPort } from '@provod/engine';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { currentWorkspaceId } from '../common/workspace';
import { toIssues } from '../common/zod-validation.pipe';
import { ProcessingsService } from '../processings/processings.service';
import { TEST_RUN_HTTP, TEST_RUN_MAIL, TEST_RUN_REGISTRY } from './test-run.ports';

export const testRunSchema = z.object({
  /** Unsaved edits; the saved definition when absent. */
  actions: z.array(z.unknown()).max(100).optional(),
  source: z.unknown().optional(),
  sample: z
    .object({
      params: z.record(z.string(), z.unknown()).optional(),
      request: z
        .object({
          method: z.string().max(10).optional(),
          query: z.record(z.string(), z.unknown()).optional(),
          headers: z.record(z.string(), z.string()).optional(),
          body: z.unknown().optional(),
        })
        .optional(),
    })
    .optional(),
  operationId: z.uuid().optional(),
  upToActionId: z.string().max(64).optional(),
  callWrites: z.boolean().default(false),
});
export type TestRunInput = z.infer<typeof testRunSchema>;

export type { TestRunResult };

const EMPTY_REQUEST = { method: 'GET', query: {}, headers: {}, body: null };

/**
 * "Test step" and "Test all": runs the chain over sample data with the real executors, records
 * nothing, and describes instead of sends any request that would change something elsewhere.
 */
@Injectable()
export class TestRunsService {
  constructor(
    @Inject(ProcessingsService) private readonly processings: ProcessingsService,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(SecretsRepository) private readonly secrets: SecretsRepository,
    @Inject(TEST_RUN_REGISTRY) private readonly registry: ExecutorRegistry,
    @Inject(TEST_RUN_HTTP) private readonly http: HttpPort,
    @Inject(TEST_RUN_MAIL) private readonly mail: MailPort | null,
  ) {}

  async run(processingId: string, input: TestRunInput): Promise<TestRunResult> {
    const processing = await this.processings.get(processingId);
    const parsed = processingDefinitionSchema.safeParse({
      source: input.source ?? processing.source,
      actions: input.actions ?? processing.actions,
    });
    if (!parsed.success) {
      const issues = toIssues(parsed.error);
      throw new BadRequestException({ message: `Invalid processing: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues });
    }
    const { source, actions } = parsed.data;
    const cut = input.upToActionId ? actions.findIndex((a) => a.id === input.upToActionId) : actions.length - 1;
    if (cut < 0) throw new BadRequestException({ message: `No step with id ${input.upToActionId}` });

    const sample = await this.sample(processingId, input, source);
    const secrets = await this.secrets.values(currentWorkspaceId());
    const outcome = await runOperation(
      {
        operationId: `test-${randomUUID()}`,
        definition: { actions: actions.slice(0, cut + 1) },
        params: sample.params,
        request: sample.request,
        secrets,
      },
      { registry: this.registry, http: this.http, ...(this.mail ? { mail: this.mail } : {}), clock: systemClock, dryRunWrites: !input.callWrites },
    );
    const list = Object.values(secrets);
    return maskSecrets(
      {
        status: outcome.status === 'succeeded' || outcome.status === 'filtered' ? outcome.status : 'failed',
        steps: outcome.steps,
        error: outcome.error,
        sample,
      } as TestRunResult,
      list,
    );
  }

  /** The sample given, else the request of the named operation, else the latest event received. */
  private async sample(processingId: string, input: TestRunInput, source: z.infer<typeof webhookSourceSchema>): Promise<TestRunResult['sample']> {
    if (input.sample) {
      const request = { ...EMPTY_REQUEST, ...input.sample.request };
      return { request, params: input.sample.params ?? extractParams(request, source.parameters) };
    }
    const workspaceId = currentWorkspaceId();
    let operationId = input.operationId;
    if (!operationId) {
      const latest = await this.operations.list(workspaceId, processingId, { limit: 1, status: undefined });
      operationId = latest.items[0]?.id;
    }
    if (!operationId) return { request: EMPTY_REQUEST, params: extractParams(EMPTY_REQUEST, source.parameters) };
    const op = await this.operations.find(workspaceId, operationId);
    if (!op || op.processingId !== processingId) throw new NotFoundException('Operation not found');
    const request = { method: op.request.method, query: op.request.query, headers: op.request.headers, body: op.request.body };
    return { request, params: extractParams(request, source.parameters) };
  }
}

