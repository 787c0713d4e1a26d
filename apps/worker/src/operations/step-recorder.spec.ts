import type { Action, StepResult } from '@provod/contracts';
import type { OperationsRepository, StepInFlight } from '@provod/data';
import { StepRecorder } from './step-recorder';

const get = { id: 'get', key: 'uon', name: 'Read the request', type: 'http_request', settings: { method: 'GET' } } as unknown as Action;
const parse = { id: 'parse', key: 'fields', name: 'Parse', type: 'json_parser', settings: {} } as unknown as Action;
const compose = { id: 'compose', key: 'lead', name: 'Compose', type: 'json_composer', settings: {} } as unknown as Action;
const post = { id: 'post', key: 'crm', name: 'Create the lead', type: 'http_request', settings: { method: 'POST' } } as unknown as Action;
const mail = { id: 'mail', key: 'letter', name: 'Tell the manager', type: 'send_email', settings: {} } as unknown as Action;

const done = (action: Action, attempt = 1): StepResult =>
  ({ actionId: action.id, key: action.key, type: action.type, name: action.name, status: 'succeeded', attempt, input: null, output: {} }) as unknown as StepResult;

/** The repository's writes, in order, as the statements they would be. */
function recordingRepository() {
  const writes: string[] = [];
  const repository = {
    saveProgress: async (_id: string, steps: StepResult[], _lease: number, ahead: StepInFlight | null) => {
      writes.push(`checkpoint ${steps.map((s) => s.actionId).join(',')}${ahead ? ` + ${ahead.actionId} on its way (try ${ahead.attempt})` : ''}`);
    },
    markStepInFlight: async (_id: string, step: StepInFlight) => void writes.push(`${step.actionId} on its way (try ${step.attempt})`),
  } as unknown as OperationsRepository;
  return { repository, writes };
}

function recorderFor(actions: Action[], previous: StepResult[] = []) {
  const { repository, writes } = recordingRepository();
  const sut = new StepRecorder('op-1', actions, previous, repository, 30_000, (v) => v, (_what, work) => work());
  return { sut, writes };
}

/** Runs the steps as the engine would: beforeStep, then afterStep with every result so far. */
async function run(sut: StepRecorder, actions: Action[]): Promise<void> {
  const steps: StepResult[] = [];
  for (const action of actions) {
    await sut.beforeStep(action, 1, new Date());
    steps.push(done(action));
    await sut.afterStep(steps, steps[steps.length - 1]!, action);
  }
}

describe('StepRecorder: what a run writes, and when', () => {
  it('U-ON → Envybox: one checkpoint after the read that also marks the lead as on its way; the lead needs no write of its own', async () => {
    const flow = [get, parse, compose, post];
    const { sut, writes } = recorderFor(flow);
    await run(sut, flow);
    // The last step is recorded by the final write (finish), not here.
    expect(writes).toEqual(['checkpoint get + post on its way (try 1)']);
  });

  it('marks a letter only when it really leaves: a letter marked early and cut off would never be sent', async () => {
    const flow = [get, parse, mail];
    const { sut, writes } = recorderFor(flow);
    await run(sut, flow);
    expect(writes).toEqual(['checkpoint get', 'mail on its way (try 1)']);
  });

  it('marks a write on its own when no checkpoint comes before it', async () => {
    const flow = [parse, compose, post];
    const { sut, writes } = recorderFor(flow);
    await run(sut, flow);
    expect(writes).toEqual(['post on its way (try 1)']);
  });

  it('checkpoints after a write that is not the last step, marking nothing when a read comes next', async () => {
    const flow = [post, get, compose];
    const { sut, writes } = recorderFor(flow);
    await run(sut, flow);
    expect(writes).toEqual(['post on its way (try 1)', 'checkpoint post', 'checkpoint post,get']);
  });

  it('writes the mark when the try that runs is not the one the checkpoint marked', async () => {
    const flow = [get, post];
    const { sut, writes } = recorderFor(flow);
    await sut.beforeStep(get, 1, new Date());
    await sut.afterStep([done(get)], done(get), get);
    await sut.beforeStep(post, 2, new Date());
    expect(writes).toEqual(['checkpoint get + post on its way (try 1)', 'post on its way (try 2)']);
  });

  it('does not checkpoint a step that failed or pure steps', async () => {
    const flow = [get, parse, post];
    const { sut, writes } = recorderFor(flow);
    const failed = { ...done(get), status: 'failed' } as StepResult;
    await sut.afterStep([failed], failed, get);
    await sut.afterStep([done(parse)], done(parse), parse);
    expect(writes).toEqual([]);
  });
});
