import type { JsonParserSettings } from '@provod/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiIssue } from '../../api/client';
import { renderWithApp } from '../../test/render';
import { JsonParserForm } from './JsonParserForm';
import { EditorContext } from './test-fixtures';

function setup(initial: JsonParserSettings, issues: ApiIssue[] = []) {
  let latest = initial;
  function Harness() {
    const [settings, setSettings] = useState(initial);
    return (
      <EditorContext position={1} issues={issues}>
        <JsonParserForm
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

describe('JSON parser fields table', () => {
  it('adds a field by picking its place in the sample: Webjack path, name and sample value filled in', async () => {
    const { user, settings } = setup({ input: '{{fetch_request.body}}', fields: [] });
    await user.click(screen.getByRole('button', { name: 'Add a field' }));
    await user.click(screen.getByRole('button', { name: 'Pick the path of field 1 from the sample' }));
    const dialog = await screen.findByRole('dialog');
    const option = within(dialog).getByText('[request][0][client_name]').closest('button') as HTMLElement;
    expect(option).toHaveTextContent('"Ivan"');
    await user.click(option);

    // One notation in the picker and the table: the one the picker shows.
    expect(settings().fields).toEqual([{ name: 'client_name', path: '[request][0][client_name]', required: false, cast: 'none' }]);
    expect(screen.getByRole('textbox', { name: 'Path of field 1' })).toHaveValue('[request][0][client_name]');
    expect(screen.getByLabelText('Sample value of field 1')).toHaveTextContent('"Ivan"');
  });

  it('edits required, default and conversion per row, and removes rows', async () => {
    const { user, settings } = setup({
      input: '{{fetch_request.body}}',
      fields: [
        { name: 'id', path: '["request"][0]["id"]', required: false, cast: 'none' },
        { name: 'dat_close', path: '["request"][0]["dat_close"]', required: false, cast: 'none' },
      ],
    });
    expect(screen.getByLabelText('Sample value of field 1')).toHaveTextContent('61');
    expect(screen.getByLabelText('Sample value of field 2')).toHaveTextContent('not found');
    // Paths stored in the quoted form (older templates) read in the picker's notation.
    expect(screen.getByRole('textbox', { name: 'Path of field 1' })).toHaveValue('[request][0][id]');

    await user.click(screen.getByRole('checkbox', { name: 'Field 1 is required' }));
    expect(settings().fields[0]?.required).toBe(true);
    await user.type(screen.getByRole('textbox', { name: 'Default of field 2' }), 'no');
    expect(settings().fields[1]?.default).toBe('no');
    await user.click(screen.getByRole('combobox', { name: 'Conversion of field 1' }));
    await user.click(await screen.findByRole('option', { name: 'To text' }));
    expect(settings().fields[0]?.cast).toBe('string');

    await user.click(screen.getByRole('button', { name: 'Remove field dat_close' }));
    expect(settings().fields.map((f) => f.name)).toEqual(['id']);
  });

  it('adds several fields at once from the sample', async () => {
    const { user, settings } = setup({ input: '{{fetch_request.body}}', fields: [] });
    await user.click(screen.getByRole('button', { name: 'Choose fields from the sample' }));
    const dialog = await screen.findByRole('dialog', { name: 'Which fields to take' });
    await user.click(within(dialog).getByRole('checkbox', { name: /\[request\]\[0\]\[id\]/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /client_phone_mobile/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add 2 fields' }));
    expect(settings().fields.map((f) => [f.name, f.path])).toEqual([
      ['id', '[request][0][id]'],
      ['client_phone_mobile', '[request][0][client_phone_mobile]'],
    ]);
  });

  it('marks the row the API complained about', () => {
    setup({ input: '{{fetch_request.body}}', fields: [{ name: '1bad', path: 'x', required: false, cast: 'none' }] }, [
      { path: 'actions.1.settings.fields.0.name', message: 'a field name uses Latin letters, digits and _' },
    ]);
    expect(screen.getByRole('textbox', { name: 'Name of field 1' })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('a field name uses Latin letters, digits and _')).toBeInTheDocument();
  });
});
