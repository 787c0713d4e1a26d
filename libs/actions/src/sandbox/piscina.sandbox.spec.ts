import { jsonComposerActionSchema } from '@provod/contracts';
import { isStepFailure, type Scope, type StepFailure } from '@provod/engine';
import path from 'node:path';
import { composeJsonStep } from '../json-composer/json-composer.executor';
import { PiscinaSandbox } from './piscina.sandbox';

const scope = (source: Record<string, unknown>): Scope => ({
  source,
  event: { method: 'GET', query: {}, headers: {}, body: null },
  secrets: {},
});
const compose = (template: string) =>
  jsonComposerActionSchema.parse({ id: 'c1', key: 'lead', name: 'Lead', type: 'json_composer', settings: { template } });

async function failureOf(promise: Promise<unknown>): Promise<StepFailure> {
  try {
    await promise;
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw error;
  }
  throw new Error('expected a StepFailure');
}

describe('PiscinaSandbox with the real thread entry', () => {
  const sut = new PiscinaSandbox({ threads: 1, memoryMb: 128, timeoutMs: 20_000 });
  afterAll(() => sut.close());

  it('runs a step in a thread with the same result as in place', async () => {
    const input = { action: compose('{"name":"{{upper source.name}}","n":"{{number source.n}}"}'), scope: scope({ name: 'anna', n: '7' }) };
    expect(await sut.run('json_composer.render', input)).toEqual(composeJsonStep(input));
  });

  it('brings a step failure back as one, with its code and details', async () => {
    const failure = await failureOf(sut.run('json_composer.render', { action: compose('{"id":"{{source.r_id}}"}'), scope: scope({ type_id: '1' }) }));
    expect(failure.code).toBe('missing_parameter');
    expect(failure.details).toMatchObject({ parameter: 'r_id', received: ['type_id'], input: { template: '{"id":"{{source.r_id}}"}' } });
  });

  it('fails a template that would build 100 million characters as template_too_large', async () => {
    const template = `{"x":"{{substring (replace (replace source.s 'a' source.s) 'a' '${'a'.repeat(100)}') 0 3}}"}`;
    const failure = await failureOf(sut.run('json_composer.render', { action: compose(template), scope: scope({ s: 'a'.repeat(1_000) }) }));
    expect(failure.code).toBe('template_too_large');
  });
});

describe('PiscinaSandbox guarding against tasks that do not stop', () => {
  const errors: Error[] = [];
  const stubborn = path.join(__dirname, '__fixtures__/stubborn.thread.js');
  const sut = new PiscinaSandbox({ threads: 1, memoryMb: 32, timeoutMs: 500, filename: stubborn, onThreadError: (error) => errors.push(error) });
  afterAll(() => sut.close());

  it('terminates a thread at the deadline, fails that task only, and replaces the thread', async () => {
    const spinning = failureOf(sut.run('json_composer.render', 'spin'));
    const queued = sut.run('json_composer.render', 'after');
    expect((await spinning).code).toBe('template_timeout');
    expect(await queued).toBe('json_composer.render: after');
    expect(sut.threads).toBe(1);
  });

  it('survives a thread that runs out of heap, failing that task as too large', async () => {
    // A deadline far off, so the heap limit is what stops the task however busy the machine is.
    const roomy = new PiscinaSandbox({ threads: 1, memoryMb: 32, timeoutMs: 120_000, filename: stubborn, onThreadError: (error) => errors.push(error) });
    try {
      const started = performance.now();
      expect((await failureOf(roomy.run('json_composer.render', 'hog'))).code).toBe('template_too_large');
      process.stdout.write(`a thread ran out of its 32 MB heap after ${(performance.now() - started).toFixed(0)} ms; the process goes on\n`);
      expect(await roomy.run('json_composer.render', 'next')).toBe('json_composer.render: next');
      expect(errors).toEqual([]);
    } finally {
      await roomy.close();
    }
  });
});
