import type { Action, ProcessingDefinition, RawRequest, StepError, StepResult } from '@provod/contracts';
import { executorFor, type ExecutorRegistry, type RateLimiterPort } from './executor';
import type { Clock, HttpPort, MailPort } from './ports';
import type { Scope } from './scope';
import { isStepFailure, type StepFailure } from './step-failure';

export interface OperationInput {
  operationId: string;
  definition: Pick<ProcessingDefinition, 'actions'>;
  params: Record<string, unknown>;
  request: Pick<RawRequest, 'method' | 'query' | 'headers' | 'body'>;
  secrets: Record<string, string>;
  /** Results recorded by an earlier attempt; steps that succeeded there are not run again. */
  previousSteps?: readonly StepResult[];
  /**
   * A step whose request was on its way when the previous worker stopped (it may have reached the
   * server). It runs again, and its history shows that try as interrupted.
   */
  interrupted?: { actionId: string; attempt: number; startedAt: string };
}

/** What a step that was cut off mid-request shows in its history. */
export const INTERRUPTED_ERROR: StepError = {
  code: 'interrupted',
  message:
    'Provod was interrupted while this request was on its way or before its answer was recorded, so it may have reached the server. It was sent again, with the same Idempotency-Key when the step sends one; a letter is never sent again.',
};

/**
 * Decides whether a failed step gets another try, and after how long. Returns null for "no":
 * the failure is not retryable, or the step has used its attempts.
 */
export type RetryPolicy = (action: Action, attempt: number, failure: StepFailure) => number | null;

export interface OperationPorts {
  registry: ExecutorRegistry;
  http: HttpPort;
  clock: Clock;
  /** Absent when no mail server is configured: a send-e-mail step then fails, saying so. */
  mail?: MailPort;
  rateLimiter?: RateLimiterPort;
  retryPolicy?: RetryPolicy;
  /** Test runs: requests that change things are described instead of sent. */
  dryRunWrites?: boolean;
  /**
   * Called just before a step runs, with its action and the number of this try. The caller records
   * what must be known if the process dies during the step; if it throws, the step does not run.
   */
  beforeStep?: (action: Action, attempt: number, startedAt: Date) => Promise<void>;
  /**
   * Called after each step with every result so far. The caller persists what must survive a crash;
   * if it throws, the run stops and the error propagates (a system error).
   */
  onStep?: (steps: StepResult[], justRan: StepResult, action: Action) => Promise<void>;
}

export type OperationOutcome =
  | { status: 'succeeded'; steps: StepResult[]; error: null }
  /** A filter step's conditions did not hold: the operation ends there, which is no failure. */
  | { status: 'filtered'; steps: StepResult[]; error: null }
  | { status: 'failed'; steps: StepResult[]; error: StepError & { step: string } }
  /** A step will be tried again after `retryInMs`; earlier steps keep their results. */
  | { status: 'retrying'; steps: StepResult[]; error: StepError & { step: string }; retryInMs: number };

/**
 * Runs a processing's actions in order over one event. Pure: everything it touches comes in through
 * `input` and `ports`. A step that succeeded in an earlier attempt keeps its recorded output, so a
 * retried job resumes at the step that did not finish instead of calling remote systems twice.
 */
export async function runOperation(input: OperationInput, ports: OperationPorts): Promise<OperationOutcome> {
  const scope: Scope = {
    source: input.params,
    event: input.request,
    secrets: input.secrets,
  };
  const steps: StepResult[] = [];
  const previous = new Map((input.previousSteps ?? []).map((s) => [s.actionId, s]));
  const cutOff = input.interrupted;
  if (cutOff && previous.get(cutOff.actionId)?.status !== 'succeeded') {
    previous.set(cutOff.actionId, interruptedTry(previous.get(cutOff.actionId), cutOff));
  }

  for (const [index, action] of input.definition.actions.entries()) {
    const earlier = previous.get(action.id);
    if (earlier?.status === 'succeeded') {
      steps.push(earlier);
      scope[action.key] = earlier.output;
      if (earlier.halted) return { status: 'filtered', steps, error: null };
      continue;
    }
    const { result, failure, halted } = await runStep(action, index, scope, input, ports, earlier);
    const retryInMs = failure ? (ports.retryPolicy?.(action, result.attempt, failure) ?? null) : null;
    if (retryInMs !== null) {
      result.status = 'retrying';
      result.nextAttemptAt = new Date(ports.clock.now().getTime() + retryInMs).toISOString();
    }
    steps.push(result);
    await ports.onStep?.(steps, result, action);
    if (result.status === 'retrying') {
      return { status: 'retrying', steps, error: { ...(result.error as StepError), step: action.name }, retryInMs: retryInMs as number };
    }
    if (result.status === 'failed') {
      return { status: 'failed', steps, error: { ...(result.error as StepError), step: action.name } };
    }
    scope[action.key] = result.output;
    if (halted) return { status: 'filtered', steps, error: null };
  }
  return { status: 'succeeded', steps, error: null };
}

/** The try that was cut off, as a failed try of its own, after whatever tries came before it. */
function interruptedTry(earlier: StepResult | undefined, cutOff: NonNullable<OperationInput['interrupted']>): StepResult {
  return {
    ...(earlier ?? { actionId: cutOff.actionId, key: '', type: '', name: '', input: null }),
    status: 'failed',
    attempt: cutOff.attempt,
    startedAt: cutOff.startedAt,
    durationMs: 0,
    error: INTERRUPTED_ERROR,
    previousAttempts: attemptsSoFar(earlier),
    nextAttemptAt: undefined,
  };
}

/** Earlier tries of a step travel with it, so the history shows each attempt and the wait after it. */
function attemptsSoFar(earlier: StepResult | undefined): NonNullable<StepResult['previousAttempts']> {
  if (!earlier?.error) return earlier?.previousAttempts ?? [];
  const waited = earlier.nextAttemptAt ? Date.parse(earlier.nextAttemptAt) - Date.parse(earlier.startedAt) - earlier.durationMs : 0;
  return [
    ...(earlier.previousAttempts ?? []),
    {
      attempt: earlier.attempt,
      startedAt: earlier.startedAt,
      durationMs: earlier.durationMs,
      error: earlier.error,
      retryDelayMs: Math.max(0, waited),
    },
  ];
}

async function runStep(
  action: Action,
  stepIndex: number,
  scope: Scope,
  input: OperationInput,
  ports: OperationPorts,
  earlier: StepResult | undefined,
): Promise<{ result: StepResult; failure?: StepFailure; halted?: boolean }> {
  const startedAt = ports.clock.now();
  const previousAttempts = attemptsSoFar(earlier);
  const base = {
    actionId: action.id,
    key: action.key,
    type: action.type,
    name: action.name,
    attempt: (earlier?.attempt ?? 0) + 1,
    ...(previousAttempts.length ? { previousAttempts } : {}),
  };
  const elapsed = () => ports.clock.now().getTime() - startedAt.getTime();
  await ports.beforeStep?.(action, base.attempt, startedAt);
  try {
    const outcome = await executorFor(ports.registry, action).execute(action, {
      scope,
      http: ports.http,
      operationId: input.operationId,
      stepIndex,
      rateLimiter: ports.rateLimiter,
      dryRunWrites: ports.dryRunWrites,
      ...(ports.mail ? { mail: ports.mail } : {}),
      ...(earlier?.error?.code === INTERRUPTED_ERROR.code ? { interrupted: true } : {}),
    });
    const skipped = (outcome.output as { skipped?: unknown } | null)?.skipped === true;
    return {
      result: {
        ...base,
        status: skipped ? 'skipped' : 'succeeded',
        input: outcome.input,
        output: outcome.output,
        startedAt: startedAt.toISOString(),
        durationMs: elapsed(),
        ...(outcome.unresolved.length ? { unresolved: outcome.unresolved } : {}),
        ...(outcome.halt ? { halted: outcome.halt } : {}),
      },
      halted: outcome.halt !== undefined,
    };
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    // The input is shown beside the step already; the error keeps only what explains the failure.
    const { input: failedInput, ...rest } = (error.details ?? {}) as { input?: unknown };
    const stepError: StepError = { code: error.code, message: error.message };
    if (Object.keys(rest).length) stepError.details = rest;
    return {
      result: {
        ...base,
        status: 'failed',
        input: failedInput ?? null,
        error: stepError,
        startedAt: startedAt.toISOString(),
        durationMs: elapsed(),
      },
      failure: error,
    };
  }
}
