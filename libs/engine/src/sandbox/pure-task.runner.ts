import type { Scope } from '../scope';
import { isStepFailure, StepFailure } from '../step-failure';
import { referencedRoots } from '../template/template.references';
import { BudgetEscalation, withRenderBudget } from '../template/render-budget';
import type { SandboxPort, SandboxReply, SandboxTaskName } from './sandbox.port';

/**
 * Inputs up to this size (in characters of their JSON) are tried in place first: handing them to a
 * thread costs more than the work, and the tight budget below still stops anything that grows.
 */
export const INLINE_INPUT_CHARS = 256 * 1024;
/**
 * What a task tried in place may do before it is handed to the sandbox instead: characters built
 * plus values read (some milliseconds of work), and a wall-clock backstop a busy machine rarely meets.
 */
export const INLINE_WORK_CHARS = 64 * 1024;
export const INLINE_MS = 200;

/**
 * Runs a pure task: in place when its input is small and it stays within a tight budget (the usual
 * step: a few fields over a small answer), otherwise in the sandbox, where a thread can be stopped at
 * its deadline. A task that passes the tight budget is not failed but run again there: it is pure,
 * so running it twice changes nothing.
 */
export async function runPureTask<I extends { scope: Scope }, O>(
  sandbox: SandboxPort | undefined,
  task: SandboxTaskName,
  input: I,
  run: (input: I) => O,
): Promise<O> {
  if (!sandbox) return run(input);
  // The scope is what grows with the data; settings are bounded by their schema.
  if (!exceedsChars(input.scope, INLINE_INPUT_CHARS)) {
    try {
      return withRenderBudget({ deadline: Date.now() + INLINE_MS, workLeft: INLINE_WORK_CHARS, escalate: true }, () => run(input));
    } catch (error) {
      if (!(error instanceof BudgetEscalation)) throw error;
    }
  }
  return sandbox.run<O>(task, input);
}

/** What a sandbox thread sends back for one task. */
export function replyOf<O>(run: () => O): SandboxReply<O> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (!isStepFailure(error)) throw error;
    return { ok: false, failure: { code: error.code, message: error.message, details: error.details, retry: error.retry } };
  }
}

/** The task's value, or its StepFailure thrown again on this side of the thread boundary. */
export function valueOf<O>(reply: SandboxReply<O>): O {
  if (reply.ok) return reply.value;
  const { code, message, details, retry } = reply.failure;
  throw new StepFailure(code, message, details, retry);
}

/** Whether the JSON text of `value` would pass `limit` characters, estimated without building it; stops early. */
export function exceedsChars(value: unknown, limit: number): boolean {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') size += item.length + 2;
    else if (item === null || typeof item !== 'object') size += 8;
    else if (ArrayBuffer.isView(item)) size += item.byteLength;
    else if (Array.isArray(item)) {
      size += 2 + item.length;
      if (size > limit) return true;
      for (const child of item) stack.push(child);
    } else {
      for (const key in item) {
        if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
        size += key.length + 4;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (size > limit) return true;
  }
  return false;
}

/**
 * The part of the scope a step's templates can reach: every string of its settings that holds a
 * template names its roots, and only those travel (to a thread, or through the size estimate). The
 * webhook parameters and the secrets always stay (missing parameters are named from them, and
 * previews are masked with them); the whole scope when any template may reach anything.
 */
export function scopeFor(settings: unknown, scope: Scope): Scope {
  const roots = new Set<string>();
  const stack: unknown[] = [settings];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      if (!item.includes('{{')) continue;
      const found = referencedRoots(item);
      if (!found) return scope;
      for (const root of found) roots.add(root);
    } else if (item !== null && typeof item === 'object') {
      for (const child of Object.values(item)) stack.push(child);
    }
  }
  const pruned: Scope = { source: scope.source, secrets: scope.secrets, event: roots.has('event') ? scope.event : EMPTY_EVENT };
  for (const root of roots) {
    if (Object.prototype.hasOwnProperty.call(scope, root) && !(root in pruned)) pruned[root] = scope[root];
  }
  return pruned;
}

const EMPTY_EVENT: Scope['event'] = { method: '', query: {}, headers: {}, body: null };
