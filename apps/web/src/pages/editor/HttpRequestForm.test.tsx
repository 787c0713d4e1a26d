import { httpRequestSettingsSchema, type HttpRequestSettings } from '@provod/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiIssue } from '../../api/client';
import { renderWithApp } from '../../test/render';
import { withSchemaDefaults } from '../../actions';
import { HttpRequestForm } from './HttpRequestForm';
import { EditorContext } from './test-fixtures';

function Harness({ initial, issues = [], onChange }: { initial: HttpRequestSettings; issues?: ApiIssue[]; onChange: (s: HttpRequestSettings) => void }) {
  const [settings, setSettings] = useState(initial);
  return (
    <EditorContext position={3} issues={issues}>
      <HttpRequestForm
        settings={settings}
        path="actions.3.settings"
        onChange={(next) => {
          setSettings(next);
          onChange(next);
        }}
      />
    </EditorContext>
  );
}

function setup(initial: Partial<HttpRequestSettings> = {}, issues: ApiIssue[] = []) {
  let latest: HttpRequestSettings = withSchemaDefaults(httpRequestSettingsSchema, { url: '', ...initial });
  renderWithApp(<Harness initial={latest} issues={issues} onChange={(s) => (latest = s)} />);
  return { user: userEvent.setup(), settings: () => latest };
}

describe('HTTP request form', () => {
  it('edits method, URL and the query list the way Envybox needs them', async () => {
    const { user, settings } = setup();
    await user.click(screen.getByRole('combobox', { name: 'Method' }));
    await user.click(await screen.findByRole('option', { name: 'POST' }));
    expect(settings().method).toBe('POST');

    const url = screen.getByRole('textbox', { name: /URL/ });
    await user.type(url, 'https://acc.envycrm.com/openapi/v1/lead/set/');
    expect(settings().url).toBe('https://acc.envycrm.com/openapi/v1/lead/set/');

    await user.click(screen.getByRole('button', { name: 'Add a parameter' }));
    await user.type(screen.getByRole('textbox', { name: 'Parameter name 1' }), 'api_key');
    await user.click(screen.getByRole('button', { name: 'Insert a value into “Value 1”' }));
    await user.click(within(await screen.findByRole('dialog')).getByText('Secrets [ENVYBOX_KEY]'));
    expect(settings().query).toEqual([{ name: 'api_key', value: '{{secrets.ENVYBOX_KEY}}' }]);

    await user.click(screen.getByRole('button', { name: 'Remove: Parameter name 1' }));
    expect(settings().query).toEqual([]);
  });

  it('switches body modes and authorization kinds with the right settings shape', async () => {
    const { user, settings } = setup({ method: 'POST' });
    await user.click(screen.getByRole('radio', { name: 'Form' }));
    expect(settings().body).toEqual({ mode: 'form', fields: [] });
    await user.click(screen.getByRole('radio', { name: 'Text' }));
    expect(settings().body).toMatchObject({ mode: 'raw', contentType: 'text/plain; charset=utf-8', text: '' });
    await user.click(screen.getByRole('radio', { name: 'JSON' }));
    // Empty, not `{ }`: a field inserted as the whole body must not be followed by stray braces.
    expect(settings().body).toEqual({ mode: 'json', template: '' });
    expect(await screen.findByText('JSON to send')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Authorization' }));
    await user.click(await screen.findByRole('option', { name: 'Token (Bearer)' }));
    expect(settings().auth).toEqual({ type: 'bearer', token: '' });
    await user.type(screen.getByRole('textbox', { name: 'Token' }), 'abc');
    expect(settings().auth).toEqual({ type: 'bearer', token: 'abc' });

    await user.click(screen.getByRole('combobox', { name: 'Authorization' }));
    await user.click(await screen.findByRole('option', { name: 'API key' }));
    expect(settings().auth).toMatchObject({ type: 'api_key', in: 'header' });
  });

  it('edits timeout, accepted statuses, retries, idempotency key and rate limit in people’s units', async () => {
    const { user, settings } = setup();
    await user.click(screen.getByRole('button', { name: /Retries, timeouts and limits/ }));
    const timeout = screen.getByRole('textbox', { name: 'Timeout, s' });
    await user.clear(timeout);
    await user.type(timeout, '12');
    expect(settings().timeoutMs).toBe(12_000);

    await user.type(screen.getByRole('combobox', { name: /Also count as success/ }), '404,');
    expect(settings().acceptStatuses).toEqual([404]);

    const attempts = screen.getByRole('textbox', { name: /Attempts in total/ });
    await user.clear(attempts);
    await user.type(attempts, '6');
    expect(settings().retry.attempts).toBe(6);

    await user.type(screen.getByRole('textbox', { name: /At most, requests per second/ }), '10');
    expect(settings().rateLimitPerSecond).toBe(10);

    // On by default (writes carry it); the user can switch it off.
    await user.click(screen.getByRole('switch', { name: /Idempotency key/ }));
    expect(settings().idempotencyKey).toEqual({ enabled: false, header: 'Idempotency-Key' });
    // A GET is repeated freely, so the write-only setting is not offered.
    expect(screen.queryByRole('switch', { name: /Retry writes after a timeout/ })).not.toBeInTheDocument();
  });

  it('lets a write opt in to being retried after a timeout, off by default', async () => {
    const { user, settings } = setup({ method: 'POST' });
    await user.click(screen.getByRole('button', { name: /Retries, timeouts and limits/ }));
    const retryWrites = screen.getByRole('switch', { name: /Retry writes after a timeout/ });
    expect(retryWrites).not.toBeChecked();
    await user.click(retryWrites);
    expect(settings().retryWritesOnTimeout).toBe(true);
  });

  it('shows a validation issue from the API next to the field it names', () => {
    setup({}, [{ path: 'actions.3.settings.url', message: 'the URL must start with http:// or https://' }]);
    const url = screen.getByRole('textbox', { name: /URL/ });
    expect(url).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('the URL must start with http:// or https://')).toBeInTheDocument();
  });
});
