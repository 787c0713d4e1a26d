import type { FilterSettings, SendEmailSettings, StepResult } from '@provod/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { FilteredNote } from '../../components/FilteredNote';
import { renderWithApp } from '../../test/render';
import { newAction } from './draft';
import { FilterForm } from './FilterForm';
import { SendEmailForm } from './SendEmailForm';
import { EditorContext } from './test-fixtures';

function setupFilter(initial: FilterSettings) {
  let latest = initial;
  function Harness() {
    const [settings, setSettings] = useState(initial);
    return (
      <EditorContext position={1}>
        <FilterForm
          settings={settings}
          path="actions.1.settings"
          onChange={(next) => {
            latest = next;
            setSettings(next);
          }}
        />
      </EditorContext>
    );
  }
  renderWithApp(<Harness />);
  return { user: userEvent.setup(), settings: () => latest };
}

describe('Filter form', () => {
  it('edits a condition, hides the right side for "is empty", and adds and removes conditions', async () => {
    const { user, settings } = setupFilter(newAction('filter', 'Filter', []).settings as FilterSettings);
    await user.type(screen.getByRole('textbox', { name: 'Value of condition 1' }), 'x');
    await user.type(screen.getByRole('textbox', { name: 'What condition 1 compares with' }), '1');
    expect(settings().conditions[0]).toMatchObject({ left: 'x', right: '1', operator: 'equals' });

    await user.click(screen.getByRole('combobox', { name: 'Comparison of condition 1' }));
    await user.click(await screen.findByRole('option', { name: 'is empty' }));
    expect(settings().conditions[0]?.operator).toBe('is_empty');
    expect(screen.queryByRole('textbox', { name: 'What condition 1 compares with' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Add a condition' }));
    expect(settings().conditions).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Remove condition 1' }));
    expect(settings().conditions).toEqual([{ left: '', operator: 'equals', right: '', compareAs: 'text' }]);
    // The last condition cannot be removed: a filter needs one.
    expect(screen.getByRole('button', { name: 'Remove condition 1' })).toBeDisabled();
  });
});

describe('Send e-mail form', () => {
  it('writes the recipients, subject and text into the settings', async () => {
    let latest = newAction('send_email', 'Mail', []).settings as SendEmailSettings;
    function Harness() {
      const [settings, setSettings] = useState(latest);
      return (
        <EditorContext position={1}>
          <SendEmailForm
            settings={settings}
            path="actions.1.settings"
            onChange={(next) => {
              latest = next;
              setSettings(next);
            }}
          />
        </EditorContext>
      );
    }
    renderWithApp(<Harness />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'To' }), 'manager@example.com');
    await user.type(screen.getByRole('textbox', { name: 'Subject' }), 'New request');
    expect(latest).toMatchObject({ to: 'manager@example.com', subject: 'New request', body: '', replyTo: '', retry: { attempts: 4 } });
  });
});

describe('filtered note', () => {
  it('names the filter step and the values each failed condition compared', () => {
    const step: StepResult = {
      actionId: 'f',
      key: 'only_new',
      type: 'filter',
      name: 'Only new',
      status: 'succeeded',
      halted: 'filtered',
      input: {},
      output: { passed: false, match: 'all', conditions: [], failed: [{ index: 0, operator: 'equals', compareAs: 'text', left: 'Closed', right: 'New', held: false }] },
      startedAt: '2026-01-01T10:00:00.000Z',
      durationMs: 1,
      attempt: 1,
    };
    renderWithApp(<FilteredNote steps={[step]} />);
    expect(screen.getByText('Filtered out by “Only new”')).toBeInTheDocument();
    expect(screen.getByText('Condition 1: «Closed» equals «New»: does not hold')).toBeInTheDocument();
  });
});
