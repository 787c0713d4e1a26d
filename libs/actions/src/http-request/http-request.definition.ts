import { httpRequestDescriptor } from '@provod/contracts';
import { defineAction } from '../action-definition';
import { buildRequestTask } from './http-request.builder';
import { HttpRequestExecutor } from './http-request.executor';

export const httpRequestDefinition = defineAction<'http_request'>(httpRequestDescriptor, {
  executor: ({ sandbox }) => new HttpRequestExecutor(sandbox),
  tasks: { 'http_request.build': buildRequestTask },
});
