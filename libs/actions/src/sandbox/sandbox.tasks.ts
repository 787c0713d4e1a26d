import { replyOf, type SandboxReply, type SandboxTaskName } from '@provod/engine';
import { buildRequestTask } from '../http-request/http-request.builder';
import { composeJsonStep } from '../json-composer/json-composer.executor';
import { parseJsonStep } from '../json-parser/json-parser.executor';
import { evaluateFilterStep } from '../filter/filter.executor';
import { renderLetterTask } from '../send-email/send-email.executor';

/** What a sandbox thread can run: one pure function per task name, so the compiler names a missing one. */
const TASKS: { [T in SandboxTaskName]: (input: never) => unknown } = {
  'http_request.build': buildRequestTask,
  'json_parser.parse': parseJsonStep,
  'json_composer.render': composeJsonStep,
  'filter.evaluate': evaluateFilterStep,
  'send_email.render': renderLetterTask,
};

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
