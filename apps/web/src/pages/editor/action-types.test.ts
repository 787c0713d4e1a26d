import { ACTION_TYPES, filterActionSchema, sendEmailActionSchema } from '@provod/contracts';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { ru } from '../../i18n/ru';
import { ACTION_UI } from './action-types';
import { isWrite } from '../../actions';
import { newAction } from './draft';

describe('the editor knows every action type', () => {
  it('has a form, an icon, a summary and words in both languages for each type the contracts register', () => {
    for (const type of ACTION_TYPES) {
      const ui = ACTION_UI[type];
      expect({ type, form: typeof ui?.Form, icon: ui?.icon !== undefined }).toEqual({ type, form: 'function', icon: true });
      for (const dictionary of [ru, en]) {
        expect({ type, name: dictionary.actionType[type], hint: dictionary.actionTypeHint[type] }).toEqual({ type, name: expect.stringMatching(/\S/), hint: expect.stringMatching(/\S/) });
      }
    }
    expect(Object.keys(ACTION_UI).sort()).toEqual([...ACTION_TYPES].sort());
  });

  it('starts a new filter and a new letter from the schema defaults, and a letter counts as a write', () => {
    const filter = newAction('filter', 'Фильтр', []);
    const email = newAction('send_email', 'Письмо', []);
    expect(filter.settings).toEqual({ match: 'all', conditions: [{ left: '', operator: 'equals', right: '', compareAs: 'text' }] });
    // What the user must write is left empty, so saving it untouched is refused, not sent.
    expect([filterActionSchema.safeParse(filter).success, sendEmailActionSchema.safeParse(email).success]).toEqual([false, false]);
    expect([isWrite(filter), isWrite(email)]).toEqual([false, true]);
  });
});
