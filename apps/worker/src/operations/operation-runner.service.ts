import type { StepResult } from '@provod/contracts';
import { OperationsRepository, PROVOD_CONFIG, type ClaimedOperation, type ProvodConfig } from '@provod/data';
import {
  isStepFailure,
  maskSecrets,
  runOperation,
  systemClock,
  type ExecutorRegistry,
  type HttpPort,
  type OperationOutcome,
} from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, type Logger } from '../logger';
import { DefinitionCache } from './definition.cache';
import { SecretsCache } from './secrets.cache';

export const EXECUTOR_REGISTRY = Symbol('EXECUTOR_REGISTRY');
export const HTTP_PORT = Symbol('HTTP_PORT');

/**
 * Runs one operation: claim it, run its steps through the engine, record the result. Any exception
 * that escapes is a system error, and the queue retries the job; steps that succeeded before are
 * recorded and are not run again.
 */
@Injectable()
export class OperationRunner {
  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(SecretsCache) private readonly secrets: SecretsCache,
    @Inject(DefinitionCache) private readonly definitions: DefinitionCache,
    @Inject(EXECUTOR_REGISTRY) private readonly registry: ExecutorRegistry,
    @Inject(HTTP_PORT) private readonly http: HttpPort,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(operationId: string): Promise<OperationOutcome['status'] | 'held' | 'gone'> {
    const op = await this.operations.claim(operationId, this.config.OPERATION_LEASE_MS);
    if (!op) return 'gone'; // finished already, or deleted with its processing
    const log = this.logger.child({ operationId, processingId: op.processingId, attempt: op.attempts });
    if (op.status === 'held') {
      log.info('processing is stopped; operation held');
      return 'held';
    }
    const { values, list } = await this.secrets.get(op.workspaceId);
    const mask = <T>(value: T): T => maskSecrets(value, list);

    let outcome: OperationOutcome;
    try {
      outcome = await this.execute(op, values, mask);
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      outcome = { status: 'failed', steps: op.steps, error: { ...error.toStepError(), step: 'definition' } };
    }
    await this.operations.finish(op.id, outcome.status, mask(outcome.steps), mask(outcome.error));
    if (outcome.status === 'failed') {
      log.warn({ step: outcome.error?.step, code: outcome.error?.code, error: mask(outcome.error?.message) }, 'operation failed');
    } else {
      log.info({ steps: outcome.steps.length }, 'operation succeeded');
    }
    return outcome.status;
  }

  private execute(op: ClaimedOperation, secrets: Record<string, string>, mask: <T>(v: T) => T): Promise<OperationOutcome> {
    const actions = this.definitions.validated(op.processingId, op.processingVersion, op.actions);
    const last = actions[actions.length - 1];
    return runOperation(
      {
        operationId: op.id,
        definition: { actions },
        params: op.params,
        request: op.request,
        secrets,
        previousSteps: op.steps,
      },
      {
        registry: this.registry,
        http: this.http,
        clock: systemClock,
        // Only a step that reached another system must never repeat, so only those are saved
        // before moving on; pure steps are cheap to redo, and the final write records everything.
        onStep: async (steps: StepResult[], justRan, action) => {
          if (action.type === 'http_request' && justRan.status === 'succeeded' && action !== last) {
            await this.operations.saveProgress(op.id, mask(steps), this.config.OPERATION_LEASE_MS);
          }
        },
      },
    );
  }

  /** The queue gave up after its last attempt: say so in history instead of leaving "running". */
  async giveUp(operationId: string, reason: string): Promise<void> {
    await this.operations.failUnfinished(operationId, {
      code: 'system_error',
      message: `Provod could not run this operation after several attempts: ${reason}`,
    });
  }
}
