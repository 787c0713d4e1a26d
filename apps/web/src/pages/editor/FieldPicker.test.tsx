import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../../test/render';
import { TemplateInput } from './FieldPicker';
import { buildPickerEntries } from './picker-data';
import { EditorContext, samplePicker } from './test-fixtures';

function Harness({ initial, position }: { initial: string; position: number }) {
  const [value, setValue] = useState(initial);
  return (
    <EditorContext position={position}>
      <TemplateInput label="URL" value={value} onChange={setValue} />
    </EditorContext>
  );
}

const labels = { webhook: 'Webhook', request: 'Incoming request', secrets: 'Secrets', secretValue: '••••••' };

describe('field picker', () => {
  it('lists source parameters and earlier steps’ fields with their sample values, Webjack-style', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness initial="" position={2} />);
    await user.click(screen.getByRole('button', { name: 'Insert a value into “URL”' }));
    const dialog = await screen.findByRole('dialog', { name: 'Insert a value into “URL”' });

    const param = within(dialog).getByText('Webhook [r_id]').closest('button') as HTMLElement;
    expect(param).toHaveTextContent('"61"');
    const id = within(dialog).getByText('Fetch the request [body][request][0][id]').closest('button') as HTMLElement;
    expect(id).toHaveTextContent('61');
    const name = within(dialog).getByText('Fetch the request [body][request][0][client_name]').closest('button') as HTMLElement;
    expect(name).toHaveTextContent('"Ivan"');
    // The parser has not run yet: its declared fields are offered without values.
    const parsed = within(dialog).getByText('Parse the request [client_name]').closest('button') as HTMLElement;
    expect(parsed).toHaveTextContent('no sample');
    expect(within(dialog).getByText('Secrets [UON_KEY]')).toBeInTheDocument();
    // A step never sees itself or later steps.
    expect(within(dialog).queryByText(/Compose the lead/)).not.toBeInTheDocument();
  });

  it('inserts a Handlebars reference with the .[0] index syntax at the cursor', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness initial="https://api.u-on.ru/" position={2} />);
    const input = screen.getByRole('textbox', { name: 'URL' });
    await user.click(screen.getByRole('button', { name: 'Insert a value into “URL”' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByText('Fetch the request [body][request][0][id]'));
    await waitFor(() => expect(input).toHaveValue('https://api.u-on.ru/{{fetch_request.body.request.[0].id}}'));

    await user.click(screen.getByRole('button', { name: 'Insert a value into “URL”' }));
    await user.click(within(await screen.findByRole('dialog')).getByText('Webhook [r_id]'));
    await waitFor(() => expect(input).toHaveValue('https://api.u-on.ru/{{fetch_request.body.request.[0].id}}{{source.r_id}}'));
  });

  it('filters by what the user types', async () => {
    const user = userEvent.setup();
    renderWithApp(<Harness initial="" position={2} />);
    await user.click(screen.getByRole('button', { name: 'Insert a value into “URL”' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByRole('textbox', { name: 'Find a field or value' }), 'phone');
    expect(within(dialog).getByText('Fetch the request [body][request][0][client_phone_mobile]')).toBeInTheDocument();
    expect(within(dialog).queryByText('Webhook [r_id]')).not.toBeInTheDocument();
  });

  it('offers only the source and the raw request to the source itself', () => {
    const entries = buildPickerEntries(samplePicker, -1, labels);
    expect(entries.map((e) => e.insert)).toContain('{{source.r_id}}');
    expect(entries.map((e) => e.insert)).toContain('{{event.query.type_id}}');
    expect(entries.some((e) => e.insert.startsWith('{{fetch_request'))).toBe(false);
  });
});
