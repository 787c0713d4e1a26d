import { ACTION_TYPES } from '@provod/contracts';
import { createExecutorRegistry } from './registry';

describe('createExecutorRegistry', () => {
  it('has an executor for every action type', () => {
    const registry = createExecutorRegistry();
    for (const type of ACTION_TYPES) expect(typeof registry[type].execute).toBe('function');
  });
});
