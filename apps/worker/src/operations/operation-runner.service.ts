import type { StepResult } from '@provod/contracts';
import { isDatabaseUnavailable, OperationsRepository, PROVOD_CONFIG, type ClaimedOperation, type ProvodConfig } from '@provod/data';
import {
  isStepFailure,
  maskSecrets,
  runOperation,
  systemClock,
  type ExecutorRegistry,
  type HttpPort,
  type MailPort,
  type OperationOutcome,
  type OperationPorts,
  type RateLimiterPort,
  type RetryPolicy,
} from '@provod/engine';
import { Inject, Injectable } from '@nestjs/common';
import { AlertsService } from '../alerts/alerts.service';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { LOGGER, type Logger } from '../logger';
import { DefinitionCache } from './definition.cache';
import { DatabaseOutageClock, writeDurably } from './durable-write';
import { SecretsCache } from './secrets.cache';
import { StepRecorder } from './step-recorder';

export const EXECUTOR_REGISTRY = Symbol('EXECUTOR_REGISTRY');
export const HTTP_PORT = Symbol('HTTP_PORT');
export const RETRY_POLICY = Symbol('RETRY_POLICY');
export const RATE_LIMITER = Symbol('RATE_LIMITER');
export const MAIL_PORT = Symbol('MAIL_PORT');
/** What the engine runs steps with, built once (see ENGINE_PORTS in worker.module.ts). */
export const ENGINE_PORTS = Symbol('ENGINE_PORTS');

/** The engine's ports that stay the same from one operation to the next. */
export type EnginePorts = Pick<OperationPorts, 'registry' | 'http' | 'mail' | 'retryPolicy' | 'rateLimiter'>;

/** Gathers the engine's ports into one provider, so the runner takes them as one dependency. */
export function enginePorts(registry: ExecutorRegistry, http: HttpPort, retryPolicy: RetryPolicy, rateLimiter: RateLimiterPort, mail: MailPort | null): EnginePorts {
  return { registry, http, retryPolicy, rateLimiter, ...(mail ? { mail } : {}) };
}

export type RunResult =
  | { status: 'succeeded' | 'failed' | 'filtered' | 'held' | 'gone' }
  /** A step waits for its next try: the job must come back after `retryInMs`. */
  | { status: 'retrying'; retryInMs: number };

/**
 * Runs one operation: claim it, run its steps through the engine, record the result. Any exception
 * that escapes is a system error, and the queue retries the job; steps that succeeded before are
 * recorded and are not run again.
 *
 * A step that reached another system is recorded before anything else happens. While PostgreSQL is
 * unavailable the result waits in memory and the write is tried again (`DB_WRITE_RETRY_MS`), so an
 * outage never makes a step run twice; an operation that cannot even start waits a few seconds
 * without using up an attempt, and resumes as soon as the database answers.
 */
@Injectable()
export class OperationRunner {
  private readonly outage = new DatabaseOutageClock();

  constructor(
    @Inject(PROVOD_CONFIG) private readonly config: ProvodConfig,
    @Inject(OperationsRepository) private readonly operations: OperationsRepository,
    @Inject(SecretsCache) private readonly secrets: SecretsCache,
    @Inject(DefinitionCache) private readonly definitions: DefinitionCache,
    @Inject(ENGINE_PORTS) private readonly ports: EnginePorts,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(AlertsService) private readonly alerts: AlertsService,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  async run(operationId: string): Promise<RunResult> {
    try {
      const result = await this.claimAndRun(operationId);
      this.outage.recovered();
      return result;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // Not the operation's fault: it waits without using up the attempts kept for real failures.
      const retryInMs = this.outage.nextWaitMs();
      this.logger.warn({ operationId, err: (error as Error).message, retryInMs }, 'database unavailable; the operation waits and is tried again');
      return { status: 'retrying', retryInMs };
    }
  }

  private async claimAndRun(operationId: string): Promise<RunResult> {
    const op = await this.operations.claim(operationId, this.config.OPERATION_LEASE_MS);
    if (!op) return { status: 'gone' }; // finished already, or deleted with its processing
    const log = this.logger.child({ operationId, processingId: op.processingId, attempt: op.attempts });
    if (op.status === 'held') {
      log.info('processing is stopped; operation held');
      return { status: 'held' };
    }
    if (op.stepInFlight) {
      log.warn({ actionId: op.stepInFlight.actionId }, 'a request of this operation was on its way when its worker stopped; it is sent again');
    }
    const { values, list } = this.secrets.decrypt(op.encryptedSecrets);
    const mask = <T>(value: T): T => maskSecrets(value, list);

    let outcome: OperationOutcome;
    const runStartedAt = Date.now();
    try {
      outcome = await this.execute(op, values, mask, log);
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      outcome = { status: 'failed', steps: op.steps, error: { ...error.toStepError(), step: 'definition' } };
    }
    if (outcome.status === 'retrying') {
      const retrying = outcome;
      await this.durably(log, 'retry', () =>
        this.operations.scheduleRetry(op.id, mask(retrying.steps), mask(retrying.error), retrying.retryInMs, this.config.OPERATION_LEASE_MS),
      );
      this.metrics.recordRun(op.processingId, 'retrying', false, outcome.steps, runStartedAt);
      log.info({ step: outcome.error.step, code: outcome.error.code, retryInMs: outcome.retryInMs }, 'step will be retried');
      return { status: 'retrying', retryInMs: outcome.retryInMs };
    }
    const finished = outcome;
    // Also the last step's record: it must be durable before anyone can run the job again.
    const recorded = await this.durably(log, 'result', () =>
      this.operations.finish(op.id, finished.status, mask(finished.steps), mask(finished.error)),
    );
    if (!recorded) {
      log.warn('operation was finished by another worker meanwhile; this result is dropped');
      return { status: 'gone' };
    }
    this.metrics.recordRun(op.processingId, outcome.status, true, outcome.steps, runStartedAt);
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
    } else if (outcome.status === 'filtered') {
      log.info({ step: outcome.steps[outcome.steps.length - 1]?.name }, 'operation filtered out');
    } else {
      log.info({ steps: outcome.steps.length }, 'operation succeeded');
    }
    return { status: outcome.status };
  }

  /** A write whose loss would make a step run again: kept trying while the database is unavailable. */
  private durably<T>(log: Logger, what: string, work: () => Promise<T>): Promise<T> {
    return writeDurably(work, {
      budgetMs: this.config.DB_WRITE_RETRY_MS,
      onRetry: (error, tryNumber, waitMs) =>
        log.warn({ err: (error as Error).message, what, try: tryNumber, waitMs }, 'database unavailable; the step result is kept and recorded when it answers'),
    });
  }

  private execute(
    op: ClaimedOperation,
    secrets: Record<string, string>,
    mask: <T>(v: T) => T,
    log: Logger,
  ): Promise<OperationOutcome> {
    const actions = this.definitions.validated(op.processingId, op.processingVersion, op.actions);
    const recorder = new StepRecorder(op.id, actions, op.steps, this.operations, this.config.OPERATION_LEASE_MS, mask, (what, work) =>
      this.durably(log, what, work),
    );
    return runOperation(
      {
        operationId: op.id,
        definition: { actions },
        params: op.params,
        request: op.request,
        secrets,
        previousSteps: op.steps,
        ...(op.stepInFlight ? { interrupted: op.stepInFlight } : {}),
      },
      {
        ...this.ports,
        clock: systemClock,
        beforeStep: (action, attempt, startedAt) => recorder.beforeStep(action, attempt, startedAt),
        onStep: (steps: StepResult[], justRan, action) => recorder.afterStep(steps, justRan, action),
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
