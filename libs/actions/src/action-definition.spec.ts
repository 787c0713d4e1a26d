import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_ERRORS, ACTION_TYPES, actionSchema, type Action, type ActionType } from '@provod/contracts';
import { effectOf } from './action-effect';
import { retrySettingsOf } from './action-retry';
import { createExecutorRegistry } from './registry';

const ROOT = join(__dirname, '..', '..', '..');

/** One valid step per type; the mapped type makes a new type without a sample a compile error here too. */
const SAMPLES: { [T in ActionType]: unknown } = {
  http_request: { url: 'https://example.com/', method: 'POST' },
  json_parser: { input: '{{event.body}}', fields: [] },
  json_composer: { template: '{}' },
  filter: { conditions: [{ left: '{{source.r_id}}', operator: 'is_not_empty' }] },
  send_email: { to: 'manager@example.ru', subject: 'Заявка' },
};

function sample(type: ActionType): Action {
  return actionSchema.parse({ id: `a-${type}`, key: type, name: type, type, settings: SAMPLES[type] });
}

/**
 * What every registered action type must come with. The compiler already refuses a type missing
 * from the records (executor, effect, retry, error catalogue, the editor's entry); this spec catches
 * what it cannot: a record filled with a value that says nothing, and the editor's file, which the
 * libraries may not import.
 */
describe('every action type is complete', () => {
  const editorEntries = readFileSync(join(ROOT, 'apps/web/src/pages/editor/action-types.tsx'), 'utf8');

  it.each(ACTION_TYPES)('%s has an executor, an effect, a retry rule, an error catalogue, its folder and an editor form', (type) => {
    const action = sample(type);
    expect(typeof createExecutorRegistry()[type].execute).toBe('function');
    expect(['pure', 'reads', 'writes']).toContain(effectOf(action));
    const retry = retrySettingsOf(action);
    // A step that changes or reads another system must say how it is tried again; a pure one has nothing to retry.
    if (effectOf(action) === 'pure') expect(retry).toBeNull();
    else expect(retry).toEqual(expect.objectContaining({ attempts: expect.any(Number), initialDelayMs: expect.any(Number), maxDelayMs: expect.any(Number) }));
    expect(typeof ACTION_ERRORS[type]).toBe('object');
    expect(existsSync(join(__dirname, type.replace(/_/g, '-')))).toBe(true);
    expect(editorEntries).toMatch(new RegExp(`\\n  ${type}: \\{[\\s\\S]*?Form: `));
  });
});
