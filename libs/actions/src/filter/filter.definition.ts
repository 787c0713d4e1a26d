import { filterDescriptor } from '@provod/contracts';
import { defineAction } from '../action-definition';
import { evaluateFilterStep, FilterExecutor } from './filter.executor';

export const filterDefinition = defineAction<'filter'>(filterDescriptor, {
  executor: ({ sandbox }) => new FilterExecutor(sandbox),
  tasks: { 'filter.evaluate': evaluateFilterStep },
});
