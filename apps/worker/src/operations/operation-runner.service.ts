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
  type RateLimiterPort,
  type RetryPolicy,
} from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { LOGGER, type Logger } from '../logger';
import { DefinitionCache } from './definition.cache';
import { SecretsCache } from './secrets.cache';

export const EXECUTOR_REGISTRY = Symbol('EXECUTOR_REGISTRY');
export const HTTP_PORT = Symbol('HTTP_PORT');
export const RETRY_POLICY = Symbol('RETRY_POLICY');
export const RATE_LIMITER = Symbol('RATE_LIMITER');

export type RunResult =
  | { status: 'succeeded' | 'failed' | 'held' | 'gone' }
  /** A step waits for its next try: the job must come back after `retryInMs`. */
  | { status: 'retrying'; retryInMs: number };

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
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
    @Inject(RATE_LIMITER) private readonly rateLimiter: RateLimiterPort,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AlertsService) private readonly alerts: AlertsService,
  ) {}

  async run(operationId: string): Promise<RunResult> {
    const op = await this.operations.claim(operationId, this.config.OPERATION_LEASE_MS);
    if (!op) return { status: 'gone' }; // finished already, or deleted with its processing
    const log = this.logger.child({ operationId, processingId: op.processingId, attempt: op.attempts });
    if (op.status === 'held') {
      log.info('processing is stopped; operation held');
      return { status: 'held' };
    }
    const { values, list } = this.secrets.decrypt(op.encryptedSecrets);
    const mask = <T>(value: T): T => maskSecrets(value, list);

    let outcome: OperationOutcome;
    try {
      outcome = await this.execute(op, values, mask);
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      outcome = { status: 'failed', steps: op.steps, error: { ...error.toStepError(), step: 'definition' } };
    }
    if (outcome.status === 'retrying') {
      await this.operations.scheduleRetry(op.id, mask(outcome.steps), mask(outcome.error), outcome.retryInMs, this.config.OPERATION_LEASE_MS);
      log.info({ step: outcome.error.step, code: outcome.error.code, retryInMs: outcome.retryInMs }, 'step will be retried');
      return { status: 'retrying', retryInMs: outcome.retryInMs };
    }
    const recorded = await this.operations.finish(op.id, outcome.status, mask(outcome.steps), mask(outcome.error));
    if (!recorded) {
      log.warn('operation was finished by another worker meanwhile; this result is dropped');
      return { status: 'gone' };
    }
    // The result is recorded: an alert that cannot be recorded or queued must not change it.
    try {
      await this.alerts.operationFinished({
        id: op.id,
        workspaceId: op.workspaceId,
        processingId: op.processingId,
        status: outcome.status,
        error: mask(outcome.error),
        params: op.params,
      });
    } catch (error) {
      log.error({ err: (error as Error).message }, 'could not record the alert for this operation');
    }
    if (outcome.status === 'failed') {
      log.warn({ step: outcome.error.step, code: outcome.error.code, error: mask(outcome.error.message) }, 'operation failed');
    } else {
      log.info({ steps: outcome.steps.length }, 'operation succeeded');
    }
    return { status: outcome.status };
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
        retryPolicy: this.retryPolicy,
        rateLimiter: this.rateLimiter,
        // A step that reached another system must never repeat (a write would be duplicated, a read
        // spends the remote side's rate limit), so those are saved before moving on; pure steps are
        // cheap to redo, and the final write records everything.
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
    await this.alerts.operationGaveUp(operationId).catch((error: Error) =>
      this.logger.error({ operationId, err: error.message }, 'could not record the alert for this operation'),
    );
  }
}
