import type { ActionOf } from '@provod/contracts';
import {
  type ActionExecutor,
  type ExecutionContext,
  isStepFailure,
  renderJsonTemplate,
  type StepOutcome,
  StepFailure,
} from '@provod/engine';

export class JsonComposerExecutor implements ActionExecutor<'json_composer'> {
  async execute(action: ActionOf<'json_composer'>, context: ExecutionContext): Promise<StepOutcome> {
    const { template, dropEmpty } = action.settings;
    const input = { template };
    try {
      const rendered = renderJsonTemplate(template, context.scope, { dropEmpty });
      return { input, output: rendered.value, unresolved: rendered.unresolved };
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      const details = error.details !== null && typeof error.details === 'object' ? error.details : {};
      throw new StepFailure(error.code, error.message, { ...details, input });
    }
  }
}
