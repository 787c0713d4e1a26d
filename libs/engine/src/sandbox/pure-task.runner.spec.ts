import type { Scope } from '../scope';
import { StepFailure } from '../step-failure';
import { renderText } from '../template/template.renderer';
import { exceedsChars, INLINE_INPUT_CHARS, replyOf, runPureTask, scopeFor, valueOf } from './pure-task.runner';
import type { SandboxPort, SandboxTaskName } from './sandbox.port';

/** A sandbox that runs the task in place and records that it was asked: enough to see the routing. */
class RecordingSandbox implements SandboxPort {
  readonly asked: SandboxTaskName[] = [];
  constructor(private readonly render: (input: unknown) => unknown) {}
  async run<O>(task: SandboxTaskName, input: unknown): Promise<O> {
    this.asked.push(task);
    return valueOf(replyOf(() => this.render(input))) as O;
  }
}

const scopeOf = (source: Record<string, unknown>): Scope => ({
  source,
  event: { method: 'GET', query: {}, headers: {}, body: null },
  secrets: {},
});
const taskOf = (source: Record<string, unknown>) => ({ scope: scopeOf(source) });
const upper = (input: unknown) => renderText('{{upper source.s}}', (input as { scope: Scope }).scope).value;

describe('runPureTask', () => {
  it('runs a small task in place', async () => {
    const sandbox = new RecordingSandbox(upper);
    expect(await runPureTask(sandbox, 'json_composer.render', taskOf({ s: 'abc' }), upper)).toBe('ABC');
    expect(sandbox.asked).toEqual([]);
  });

  it('hands a small task that grows past the inline budget to the sandbox, which runs it in full', async () => {
    const grows = (input: unknown) => renderText('{{upper (replace source.s "a" "aaaaaaaaaaaaaaaaaaaa")}}', (input as { scope: Scope }).scope).value;
    const sandbox = new RecordingSandbox(grows);
    const small = taskOf({ s: 'a'.repeat(100_000) });
    expect(await runPureTask(sandbox, 'json_composer.render', small, grows)).toHaveLength(2_000_000);
    expect(sandbox.asked).toEqual(['json_composer.render']);
  });

  it('sends a large input straight to the sandbox', async () => {
    const sandbox = new RecordingSandbox(upper);
    await runPureTask(sandbox, 'json_parser.parse', taskOf({ s: 'x'.repeat(INLINE_INPUT_CHARS) }), upper);
    expect(sandbox.asked).toEqual(['json_parser.parse']);
  });

  it('runs in place without a sandbox and passes step failures on', async () => {
    expect(await runPureTask(undefined, 'json_composer.render', taskOf({ s: 'x' }), upper)).toBe('X');
    const failing = () => {
      throw new StepFailure('missing_parameter', 'no r_id', { parameter: 'r_id' });
    };
    await expect(runPureTask(new RecordingSandbox(failing), 'json_composer.render', taskOf({}), failing)).rejects.toMatchObject({
      code: 'missing_parameter',
      details: { parameter: 'r_id' },
    });
  });

  it('estimates size without building the JSON, stopping early', () => {
    expect(exceedsChars({ a: 'x'.repeat(10) }, 100)).toBe(false);
    expect(exceedsChars({ a: 'x'.repeat(200) }, 100)).toBe(true);
    expect(exceedsChars(new Array(10_000_000), 100)).toBe(true);
  });

  it('passes on only the part of the scope the settings reach', () => {
    const scope = { ...scopeOf({ r_id: '61' }), fetch: { body: 'x'.repeat(1_000_000) }, fields: { a: 1 }, lead: { b: 2 } };
    const pruned = scopeFor({ template: '{"a":"{{fields.a}}"}', list: [{ value: '{{default lead.b 0}}' }], plain: 'no template' }, scope);
    expect(Object.keys(pruned).sort()).toEqual(['event', 'fields', 'lead', 'secrets', 'source']);
    expect(pruned.event).toEqual({ method: '', query: {}, headers: {}, body: null });
    expect(scopeFor({ url: '{{event.query.r_id}}' }, scope).event).toBe(scope.event);
    // A template that may reach anything keeps everything.
    expect(scopeFor({ template: '{{#each fields}}{{../fetch.body}}{{/each}}' }, scope)).toBe(scope);
  });
});
