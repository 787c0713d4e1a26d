import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../../test/render';
import { renderWithApp } from '../../test/render';
import WizardSetupPage from './WizardSetupPage';

function setup({ secrets = [] as string[], names = [] as string[] } = {}) {
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === '/api/secrets') return { body: secrets.map((name) => ({ name, createdAt: '', updatedAt: '' })) };
    if (call.method === 'GET' && path === '/api/processings') return { body: names.map((name, i) => ({ id: `p${i}`, name })) };
    if (call.method === 'PUT' && path.startsWith('/api/secrets/')) return { body: { name: path.split('/').pop(), createdAt: '', updatedAt: '' } };
    if (call.method === 'POST' && path === '/api/processings') return { status: 201, body: { id: 'new1', ...(call.body as object) } };
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<WizardSetupPage />, { path: '/wizard/:entryId/*', route: '/wizard/uon-lead-envybox' });
  return { fetch, user: userEvent.setup() };
}

/** Pasting instead of typing key by key: the same events a person's paste makes, much faster in jsdom. */
async function typeIn(user: ReturnType<typeof userEvent.setup>, element: HTMLElement | Promise<HTMLElement>, text: string) {
  await user.click(await element);
  await user.paste(text);
}

type Created = { name: string; actions: { key: string; settings: { url?: string; template?: string } }[] };

describe('the template wizard', () => {
  it('asks its template\'s questions, stores the keys as secrets and creates the processing they describe', async () => {
    const { fetch, user } = setup({ names: ['U-ON обращение → Envybox'] });
    await typeIn(user, await screen.findByLabelText(/^U-ON API key/), 'uon-secret-1');
    // The gallery entry chose "lead"; the question shows it and could change it.
    expect(screen.getByRole('radio', { name: 'Lead («обращение»)' })).toBeChecked();
    await typeIn(user, screen.getByRole('textbox', { name: /Your Envybox address/ }), 'agency');
    await typeIn(user, screen.getByLabelText(/^Envybox API key/), 'envy-secret-2');
    await user.click(screen.getByRole('button', { name: 'More settings' }));
    await typeIn(user, screen.getByRole('textbox', { name: /Pipeline/ }), '77');
    await user.click(screen.getByRole('combobox', { name: 'From U-ON → Source (utm_source)' }));
    await user.click(await screen.findByRole('option', { name: '— leave out —' }));
    await user.click(screen.getByRole('button', { name: 'Create the processing' }));

    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/processings')).toBe(true));
    const puts = fetch.calls.filter((c) => c.method === 'PUT').map((c) => [c.url.pathname, c.body]);
    expect(puts).toEqual([
      ['/api/secrets/UON_KEY', { value: 'uon-secret-1' }],
      ['/api/secrets/ENVYBOX_KEY', { value: 'envy-secret-2' }],
    ]);
    const created = fetch.calls.find((c) => c.method === 'POST')!.body as Created;
    // A second processing from the same template gets a name of its own.
    expect(created.name).toBe('U-ON обращение → Envybox (2)');
    const step = (key: string) => created.actions.find((a) => a.key === key)!;
    expect(step('fetch_request').settings.url).toBe('https://api.u-on.ru/{{secrets.UON_KEY}}/lead/{{source.r_id}}.json');
    expect(step('create_lead').settings.url).toBe('https://agency.envycrm.com/openapi/v1/lead/set/');
    const lead = JSON.parse(step('lead').settings.template!) as { request: Record<string, unknown> & { values: Record<string, unknown> } };
    expect(lead.request.pipeline_id).toBe(77);
    expect(lead.request.values).not.toHaveProperty('utm_source');
    // The keys' values go to the secret store only.
    expect(JSON.stringify(created)).not.toContain('secret-1');
  }, 60_000);

  it('offers a saved key instead of asking for it again, and never overwrites one', async () => {
    const { fetch, user } = setup({ secrets: ['UON_KEY', 'ENVYBOX_KEY'] });
    expect(await screen.findByRole('combobox', { name: /U-ON API key: saved secret/ })).toHaveValue('UON_KEY');
    await user.click(screen.getByRole('combobox', { name: /Envybox API key: saved secret/ }));
    await user.click(await screen.findByRole('option', { name: 'Enter a new one' }));
    await typeIn(user, screen.getByLabelText(/^Envybox API key \*/), 'second-account-key');
    await typeIn(user, screen.getByRole('textbox', { name: /Your Envybox address/ }), 'second.envycrm.com');
    await user.click(screen.getByRole('button', { name: 'Create the processing' }));

    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'POST')).toBe(true));
    expect(fetch.calls.filter((c) => c.method === 'PUT').map((c) => c.url.pathname)).toEqual(['/api/secrets/ENVYBOX_KEY_2']);
    const created = fetch.calls.find((c) => c.method === 'POST')!.body as Created;
    const urls = created.actions.map((a) => a.settings.url).filter(Boolean).join(' ');
    expect(urls).toContain('{{secrets.UON_KEY}}');
    expect(JSON.stringify(created.actions)).toContain('{{secrets.ENVYBOX_KEY_2}}');
  }, 60_000);

  it('says what is missing or wrong next to the field, and creates nothing', async () => {
    const { fetch, user } = setup();
    await typeIn(user, await screen.findByRole('textbox', { name: /Your Envybox address/ }), 'ftp://agency');
    await user.click(screen.getByRole('button', { name: 'Create the processing' }));
    expect(await screen.findByText('An address such as agency.envycrm.com or https://… is needed.')).toBeInTheDocument();
    expect(screen.getAllByText('Please fill this in.')).toHaveLength(2);
    expect(fetch.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  }, 60_000);
});
