import { replyOf, type SandboxReply, type SandboxTaskName } from '@provod/engine';
import type { SandboxTask } from '../action-definition';
import { sandboxTasks } from '../registry';

/**
 * What a sandbox thread can run: the pure functions the action definitions hand over. Each definition
 * must supply the tasks named after its type, and a task name that belongs to no type leaves this
 * record incomplete, so neither compiles.
 */
const TASKS: Readonly<Record<SandboxTaskName, SandboxTask>> = sandboxTasks();

export interface SandboxJob {
  task: SandboxTaskName;
  input: unknown;
}

/** Runs one job inside a sandbox thread; a StepFailure comes back as data (see SandboxReply). */
export function runSandboxJob({ task, input }: SandboxJob): SandboxReply<unknown> {
  const run = TASKS[task] as ((input: unknown) => unknown) | undefined;
  if (!run) throw new Error(`Unknown sandbox task ${String(task)}`);
  return replyOf(() => run(input));
}
