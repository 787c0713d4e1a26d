import type { ActionOf } from '@provod/contracts';
import {
  type ActionExecutor,
  type ExecutionContext,
  renderJsonTemplate,
  runPureTask,
  scopeFor,
  type SandboxPort,
  type Scope,
  type StepOutcome,
} from '@provod/engine';
import { throwWithInput } from '../step-input';

export class JsonComposerExecutor implements ActionExecutor<'json_composer'> {
  /** Without a sandbox (unit tests) the step runs in place. */
  constructor(private readonly sandbox?: SandboxPort) {}

  async execute(action: ActionOf<'json_composer'>, context: ExecutionContext): Promise<StepOutcome> {
    return runPureTask(this.sandbox, 'json_composer.render', { action, scope: scopeFor(action.settings, context.scope) }, composeJsonStep);
  }
}

export interface JsonComposerTask {
  action: ActionOf<'json_composer'>;
  scope: Scope;
}

/** The whole step, pure and synchronous, so it can run in a sandbox thread. */
export function composeJsonStep({ action, scope }: JsonComposerTask): StepOutcome {
  const { template, dropEmpty } = action.settings;
  const input = { template };
  try {
    const rendered = renderJsonTemplate(template, scope, { dropEmpty });
    return { input, output: rendered.value, unresolved: rendered.unresolved };
  } catch (error) {
    throwWithInput(error, input);
  }
}
