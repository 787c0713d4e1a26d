import { jsonParserDescriptor } from '@provod/contracts';
import { defineAction } from '../action-definition';
import { JsonParserExecutor, parseJsonStep } from './json-parser.executor';

export const jsonParserDefinition = defineAction<'json_parser'>(jsonParserDescriptor, {
  executor: ({ sandbox }) => new JsonParserExecutor(sandbox),
  tasks: { 'json_parser.parse': parseJsonStep },
});
