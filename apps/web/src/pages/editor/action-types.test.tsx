import { ACTION_TYPES, actionSchema, effectOf, filterActionSchema, sendEmailActionSchema, summaryOf, type Action } from '@provod/contracts';
import { waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ACTION_BEHAVIOUR, isWrite, knownOutputsOf, withSchemaDefaults } from '../../actions';
import { en } from '../../i18n/en';
import { ru } from '../../i18n/ru';
import { renderWithApp } from '../../test/render';
import { ACTION_UI, uiOf } from './action-types';
import { newAction } from './draft';
import { EditorContext, fetchStep } from './test-fixtures';

// The compiler already refuses a registry without a type (`{ [T in ActionType]: … }`); these catch
// what it cannot: an entry that is there but empty, a form that throws, words missing in a language.
describe('the editor knows every action type the contracts register', () => {
  it('has a form, an icon, a behaviour and words in both languages for each one, and nothing else', () => {
    for (const type of ACTION_TYPES) {
      const ui = ACTION_UI[type];
      const behaviour = ACTION_BEHAVIOUR[type];
      expect({ type, form: typeof ui?.Form, icon: ui?.icon !== undefined, start: typeof behaviour?.start }).toEqual({
        type,
        form: 'function',
        icon: true,
        start: 'function',
      });
      for (const dictionary of [ru, en]) {
        expect({ type, name: dictionary.actionType[type], hint: dictionary.actionTypeHint[type] }).toEqual({ type, name: expect.stringMatching(/\S/), hint: expect.stringMatching(/\S/) });
      }
    }
    expect(Object.keys(ACTION_UI).sort()).toEqual([...ACTION_TYPES].sort());
    expect(Object.keys(ACTION_BEHAVIOUR).sort()).toEqual([...ACTION_TYPES].sort());
  });

  it.each(ACTION_TYPES)('renders the form of a new %s step, with a card summary and the schema’s defaults', async (type) => {
    const action = newAction(type, en.actionType[type], [fetchStep]);
    // Every default is already there: reading it through the schema again adds nothing.
    expect(withSchemaDefaults(actionSchema, action)).toEqual(action);
    const Form = uiOf(action).Form;
    const { container } = renderWithApp(
      <EditorContext position={1}>
        <Form action={action} onChange={() => undefined} path="actions.1.settings" />
      </EditorContext>,
    );
    await waitFor(() => expect(container.querySelectorAll('input, textarea, [contenteditable="true"]').length).toBeGreaterThan(0));
    expect([typeof summaryOf(action, 'ru'), typeof summaryOf(action, 'en')]).toEqual(['string', 'string']);
    expect(Array.isArray(knownOutputsOf(action))).toBe(true);
    expect(['pure', 'reads', 'writes']).toContain(effectOf(action));
  });

  it('starts a new filter and a new letter from the schema defaults, and a letter counts as a write', () => {
    const filter = newAction('filter', 'Фильтр', []);
    const email = newAction('send_email', 'Письмо', []);
    expect(filter.settings).toEqual({ match: 'all', conditions: [{ left: '', operator: 'equals', right: '', compareAs: 'text' }] });
    // What the user must write is left empty, so saving it untouched is refused, not sent.
    expect([filterActionSchema.safeParse(filter).success, sendEmailActionSchema.safeParse(email).success]).toEqual([false, false]);
    expect([isWrite(filter), isWrite(email)]).toEqual([false, true]);
  });

  it('counts an HTTP step as a write unless it is a GET', () => {
    const get = newAction('http_request', 'Read', []) as Extract<Action, { type: 'http_request' }>;
    expect([isWrite(get), isWrite({ ...get, settings: { ...get.settings, method: 'POST' } })]).toEqual([false, true]);
  });
});
