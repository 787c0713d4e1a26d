import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_ERRORS, ACTION_TYPES, actionSchema, descriptorOf, type Action, type ActionType, type ErrorEntry, type ErrorFacts } from '@provod/contracts';
import type { ActionDefinition } from './action-definition';
import { ACTION_DEFINITIONS, createExecutorRegistry, sandboxTasks } from './registry';

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

const CYRILLIC = /[а-яё]/i;
// What a message may say about a step: nothing at all, or every fact a catalogue entry can name.
const NO_FACTS: ErrorFacts = { details: {}, message: '' };
const ALL_FACTS: ErrorFacts = {
  step: 'Lead',
  service: 'Envybox',
  host: 'x.envycrm.com',
  status: 401,
  secret: 'ENVYBOX_KEY',
  details: { field: 'phone', path: 'request[0].phone', address: 'x@', condition: 1, value: 'abc', response: '550 no such user' },
  message: '',
};

/** What is missing from one definition, in words; empty when it is complete. */
function gapsOf(definition: ActionDefinition<ActionType> | undefined, action: Action): string[] {
  if (!definition) return ['no definition'];
  const gaps: string[] = [];
  if (definition.type !== action.type) gaps.push(`its type is ${String(definition.type)}`);
  if (typeof definition.executor !== 'function' || typeof definition.executor({}).execute !== 'function') gaps.push('no executor');
  const effect = typeof definition.effect === 'function' ? (definition.effect as (a: Action) => unknown)(action) : definition.effect;
  if (!['pure', 'reads', 'writes'].includes(effect as string)) gaps.push(`effect ${String(effect)}`);
  if (!['resend', 'keep'].includes(definition.onInterruption)) gaps.push(`on interruption ${String(definition.onInterruption)}`);
  const retry = typeof definition.retry === 'function' ? (definition.retry as (a: Action) => unknown)(action) : 'missing';
  // A step that reads or changes another system must say how it is tried again; a pure one has nothing to retry.
  if (effect === 'pure' ? retry !== null : !isRetrySettings(retry)) gaps.push(`retry rule ${JSON.stringify(retry)} for a ${String(effect)} step`);
  for (const lang of ['ru', 'en'] as const) {
    const summary = typeof definition.summary === 'function' ? (definition.summary as (a: Action, l: string) => unknown)(action, lang) : undefined;
    if (typeof summary !== 'string' || !/\S/.test(summary)) gaps.push(`no ${lang} summary`);
  }
  if (definition.errors === null || typeof definition.errors !== 'object') gaps.push('no error catalogue');
  for (const [code, entry] of Object.entries(definition.errors ?? {})) gaps.push(...entryGaps(code, entry as Partial<ErrorEntry>));
  return gaps;
}

function isRetrySettings(value: unknown): boolean {
  const retry = value as Record<string, unknown> | null;
  return retry !== null && typeof retry === 'object' && ['attempts', 'initialDelayMs', 'maxDelayMs'].every((name) => typeof retry[name] === 'number');
}

/** An entry says what happened and what to do, in Russian and in English. */
function entryGaps(code: string, entry: Partial<ErrorEntry>): string[] {
  const gaps: string[] = [];
  for (const facts of [NO_FACTS, ALL_FACTS]) {
    const texts = { ru: entry.ru?.(facts), en: entry.en?.(facts), hintRu: entry.hintRu?.(facts), hintEn: entry.hintEn?.(facts) };
    for (const [part, text] of Object.entries(texts)) {
      if (typeof text !== 'string' || !/\S/.test(text) || /undefined|null|\[object/.test(text)) gaps.push(`${code}: no ${part}`);
      else if (part === 'ru' || part === 'hintRu' ? !CYRILLIC.test(text) : CYRILLIC.test(text)) gaps.push(`${code}: ${part} is not in ${part.endsWith('Ru') || part === 'ru' ? 'Russian' : 'English'}`);
    }
  }
  return [...new Set(gaps)];
}

/**
 * What every registered action type must come with. The compiler already refuses a type missing from
 * the lists (descriptor, definition, sandbox tasks, the editor's entry); this spec catches what it
 * cannot: a part filled with a value that says nothing, and the editor's file, which the libraries may
 * not import.
 */
describe('every action type is complete', () => {
  const editorEntries = readFileSync(join(ROOT, 'apps/web/src/pages/editor/action-types.tsx'), 'utf8');

  it.each(ACTION_TYPES)('%s has an executor, an effect, a retry rule, a summary and an error catalogue in both languages', (type) => {
    expect(gapsOf(ACTION_DEFINITIONS[type] as ActionDefinition<ActionType>, sample(type))).toEqual([]);
  });

  it.each(ACTION_TYPES)('%s reads the same rules as the web app: the descriptor in libs/contracts', (type) => {
    const definition = ACTION_DEFINITIONS[type];
    const descriptor = descriptorOf(type);
    for (const part of ['type', 'schema', 'effect', 'onInterruption', 'retry', 'summary', 'errors'] as const) expect(definition[part]).toBe(descriptor[part]);
    expect(ACTION_ERRORS[type]).toBe(descriptor.errors);
  });

  it.each(ACTION_TYPES)('%s has its folder, its sandbox tasks and an editor form', (type) => {
    const folder = type.replace(/_/g, '-');
    expect(existsSync(join(__dirname, folder, `${folder}.definition.ts`))).toBe(true);
    expect(existsSync(join(ROOT, 'libs/contracts/src/actions', folder, `${folder}.descriptor.ts`))).toBe(true);
    for (const [name, task] of Object.entries(ACTION_DEFINITIONS[type].tasks ?? {})) {
      expect(name.startsWith(`${type}.`)).toBe(true);
      expect(sandboxTasks()[name as keyof ReturnType<typeof sandboxTasks>]).toBe(task);
    }
    expect(editorEntries).toMatch(new RegExp(`\\n  ${type}: \\{[\\s\\S]*?Form: `));
  });

  it('registers every type once, with an executor each', () => {
    expect(Object.keys(ACTION_DEFINITIONS).sort()).toEqual([...ACTION_TYPES].sort());
    const registry = createExecutorRegistry();
    for (const type of ACTION_TYPES) expect(typeof registry[type].execute).toBe('function');
  });

  it('names what is missing from a definition that lacks an effect, a retry rule or words in one language', () => {
    const complete = ACTION_DEFINITIONS.send_email as ActionDefinition<ActionType>;
    const action = sample('send_email');
    const broken = (changes: Record<string, unknown>) => ({ ...complete, ...changes }) as ActionDefinition<ActionType>;
    const englishOnly: ErrorEntry = { ru: () => 'Mail failed', en: () => 'Mail failed', hintRu: () => 'Try again', hintEn: () => 'Try again' };
    const noHint = { ru: () => 'Письмо не ушло', en: () => 'The letter failed', hintEn: () => 'Check it' };

    expect(gapsOf(undefined, action)).toEqual(['no definition']);
    expect(gapsOf(broken({ effect: undefined }), action)).toContain('effect undefined');
    expect(gapsOf(broken({ retry: () => null }), action)).toContain('retry rule null for a writes step');
    expect(gapsOf(broken({ retry: undefined }), action)).toContain('retry rule "missing" for a writes step');
    expect(gapsOf(broken({ errors: undefined }), action)).toContain('no error catalogue');
    expect(gapsOf(broken({ errors: { mail_rejected: englishOnly } }), action)).toEqual(['mail_rejected: ru is not in Russian', 'mail_rejected: hintRu is not in Russian']);
    expect(gapsOf(broken({ errors: { mail_rejected: noHint } }), action)).toEqual(['mail_rejected: no hintRu']);
  });
});
