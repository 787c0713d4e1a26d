import { ACTION_TYPES, type ActionType } from '@provod/contracts';
import type { ExecutorRegistry } from '@provod/engine';
import type { ActionDefinition, ExecutorDeps, SandboxTask, TaskNameOf } from './action-definition';
import { filterDefinition } from './filter/filter.definition';
import { httpRequestDefinition } from './http-request/http-request.definition';
import { jsonComposerDefinition } from './json-composer/json-composer.definition';
import { jsonParserDefinition } from './json-parser/json-parser.definition';
import { sendEmailDefinition } from './send-email/send-email.definition';

/** One line per action type; the mapped type makes a missing one a compile error. */
export const ACTION_DEFINITIONS: { readonly [T in ActionType]: ActionDefinition<T> } = {
  http_request: httpRequestDefinition,
  json_parser: jsonParserDefinition,
  json_composer: jsonComposerDefinition,
  filter: filterDefinition,
  send_email: sendEmailDefinition,
};

/** Every type's executor, built with the shared dependencies (absent sandbox: everything runs in place). */
export function createExecutorRegistry(options: ExecutorDeps = {}): ExecutorRegistry {
  return Object.fromEntries(ACTION_TYPES.map((type) => [type, ACTION_DEFINITIONS[type].executor(options)])) as ExecutorRegistry;
}

/** The sandbox tasks every type hands over, by name. */
export function sandboxTasks(): Readonly<Record<TaskNameOf<ActionType>, SandboxTask>> {
  return Object.assign({}, ...ACTION_TYPES.map((type) => ACTION_DEFINITIONS[type].tasks ?? {})) as Record<TaskNameOf<ActionType>, SandboxTask>;
}
