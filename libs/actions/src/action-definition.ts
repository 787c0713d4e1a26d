import type { ActionType, DescriptorOf } from '@provod/contracts';
import type { ActionExecutor, SandboxPort, SandboxTaskName } from '@provod/engine';

/**
 * What every executor may be built with. The HTTP client, the mail server and the rate limiter come
 * with each run instead (`ExecutionContext`): the worker, a test run and replay supply their own.
 */
export interface ExecutorDeps {
  /** Where rendering and parsing that may be expensive run; absent, everything runs in place. */
  sandbox?: SandboxPort;
}

/** The sandbox tasks named after a type (`filter.evaluate`): its definition must supply each one. */
export type TaskNameOf<T extends ActionType> = Extract<SandboxTaskName, `${T}.${string}`>;
/** A pure, synchronous function of a cloneable input, run in a sandbox thread. */
export type SandboxTask = (input: never) => unknown;
type TasksPart<T extends ActionType> = [TaskNameOf<T>] extends [never]
  ? { readonly tasks?: undefined }
  : { readonly tasks: { readonly [N in TaskNameOf<T>]: SandboxTask } };

/** The server half: how the type runs. */
export type ActionRuntime<T extends ActionType> = {
  readonly executor: (deps: ExecutorDeps) => ActionExecutor<T>;
} & TasksPart<T>;

/**
 * One action type, whole: its browser-safe descriptor from libs/contracts (schema with the defaults,
 * effect, retry rule, summary, error catalogue) and its executor with the sandbox tasks it hands over.
 */
export type ActionDefinition<T extends ActionType> = DescriptorOf<T> & ActionRuntime<T>;

/** The descriptor's parts cannot be overridden here: the web app reads the same ones. */
export function defineAction<T extends ActionType>(descriptor: DescriptorOf<T>, runtime: ActionRuntime<T>): ActionDefinition<T> {
  return { ...descriptor, ...runtime };
}
