import { jsonComposerDescriptor } from '@provod/contracts';
import { defineAction } from '../action-definition';
import { composeJsonStep, JsonComposerExecutor } from './json-composer.executor';

export const jsonComposerDefinition = defineAction<'json_composer'>(jsonComposerDescriptor, {
  executor: ({ sandbox }) => new JsonComposerExecutor(sandbox),
  tasks: { 'json_composer.render': composeJsonStep },
});
