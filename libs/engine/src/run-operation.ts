import type { Action, ProcessingDefinition, RawRequest, StepError, StepResult } from '@provod/contracts';
import { executorFor, type ExecutorRegistry } from './executor';
import type { Clock, HttpPort } from './ports';
import type { Scope } from './scope';
import { isStepFailure } from './step-failure';

export interface OperationInput {
  operationId: string;
  definition: Pick<ProcessingDefinition, 'actions'>;
  params: Record<string, unknown>;
  request: Pick<RawRequest, 'method' | 'query' | 'headers' | 'body'>;
  secrets: Record<string, string>;
  /** Results recorded by an earlier attempt; steps that succeeded there are not run again. */
  previousSteps?: readonly StepResult[];
}

export interface OperationPorts {
  registry: ExecutorRegistry;
  http: HttpPort;
  clock: Clock;
  /**
   * Called after each step with every result so far. The caller persists what must survive a crash;
   * if it throws, the run stops and the error propagates (a system error).
   */
  onStep?: (steps: StepResult[], justRan: StepResult, action: Action) => Promise<void>;
}

export interface OperationOutcome {
  status: 'succeeded' | 'failed';
  steps: StepResult[];
  error: (StepError & { step: string }) | null;
}

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

  for (const [index, action] of input.definition.actions.entries()) {
    const earlier = previous.get(action.id);
    if (earlier?.status === 'succeeded') {
      steps.push(earlier);
      scope[action.key] = earlier.output;
      continue;
    }
    const result = await runStep(action, index, scope, input, ports, (earlier?.attempt ?? 0) + 1);
    steps.push(result);
    await ports.onStep?.(steps, result, action);
    if (result.status === 'failed') {
      return { status: 'failed', steps, error: { ...(result.error as StepError), step: action.name } };
    }
    scope[action.key] = result.output;
  }
  return { status: 'succeeded', steps, error: null };
}

async function runStep(
  action: Action,
  stepIndex: number,
  scope: Scope,
  input: OperationInput,
  ports: OperationPorts,
  attempt: number,
): Promise<StepResult> {
  const startedAt = ports.clock.now();
  const base = { actionId: action.id, key: action.key, type: action.type, name: action.name, attempt };
  const elapsed = () => ports.clock.now().getTime() - startedAt.getTime();
  try {
    const outcome = await executorFor(ports.registry, action).execute(action, {
      scope,
      http: ports.http,
      operationId: input.operationId,
      stepIndex,
    });
    return {
      ...base,
      status: 'succeeded',
      input: outcome.input,
      output: outcome.output,
      startedAt: startedAt.toISOString(),
      durationMs: elapsed(),
      ...(outcome.unresolved.length ? { unresolved: outcome.unresolved } : {}),
    };
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    const details = error.details as { input?: unknown } | undefined;
    return {
      ...base,
      status: 'failed',
      input: details?.input ?? null,
      error: error.toStepError(),
      startedAt: startedAt.toISOString(),
      durationMs: elapsed(),
    };
  }
}
