import type { ProcessingView } from '@provod/contracts';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import WizardFinishPage from './WizardFinishPage';

const processing = { id: 'p1', name: 'U-ON обращение → Envybox', status: 'stopped', webhookToken: 'tok123', version: 1 } as ProcessingView;
const lead = { request: { method: 'create', values: { name: 'Алексей Артамонов', phone: '79270000000' } } };

function setup() {
  let status = 'stopped';
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === '/api/processings/p1') return { body: { ...processing, status } };
    if (call.method === 'POST' && path === '/api/processings/p1/test') {
      return {
        body: {
          status: 'succeeded',
          error: null,
          sample: { params: {}, request: null },
          steps: [
            { key: 'lead', status: 'succeeded', output: lead },
            { key: 'create_lead', status: 'skipped', output: { skipped: true, reason: 'not sent in a test run', request: { method: 'POST', url: 'https://agency.envycrm.com/openapi/v1/lead/set/', body: lead } } },
          ],
        },
      };
    }
    if (call.method === 'POST' && path === '/api/processings/p1/start') {
      status = 'running';
      return { body: { ...processing, status } };
    }
    if (call.method === 'GET' && path === '/hooks/tok123') return { body: { ok: true, operationId: 'op9', status: 'queued' } };
    if (call.method === 'GET' && path === '/api/operations/op9') return { body: { id: 'op9', status: 'succeeded', error: null, steps: [] } };
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<WizardFinishPage />, { path: '/wizard/:entryId/:processingId', route: '/wizard/uon-lead-envybox/p1?uon_kind=lead' });
  return { fetch, user: userEvent.setup() };
}

describe('the wizard\'s last screen', () => {
  it('reads one real record, shows the lead, and sends a real event only when confirmed', async () => {
    const { fetch, user } = setup();
    expect(await screen.findByText('Add a webhook of type «Создание обращения» (lead created).')).toBeInTheDocument();
    await user.click(screen.getByRole('textbox', { name: /Lead number in U-ON/ }));
    await user.paste('226');
    await user.click(screen.getByRole('button', { name: 'Send a test event' }));

    expect(await screen.findByText('Алексей Артамонов')).toBeInTheDocument();
    const test = fetch.calls.find((c) => c.url.pathname === '/api/processings/p1/test')!;
    expect(test.body).toMatchObject({ sample: { request: { method: 'GET', query: { r_id: '226', type_id: '1' } } } });
    expect(fetch.calls.some((c) => c.url.pathname.startsWith('/hooks/'))).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Start and send' }));
    expect(await screen.findByRole('link', { name: 'Open the event' })).toHaveAttribute('href', '/operations/op9');
    await waitFor(() => expect(screen.getAllByText('Succeeded').length).toBeGreaterThan(0));
    const order = fetch.calls.filter((c) => c.method === 'POST' || c.url.pathname.startsWith('/hooks/')).map((c) => c.url.pathname + c.url.search);
    expect(order).toEqual(['/api/processings/p1/test', '/api/processings/p1/start', '/hooks/tok123?type_id=1&r_id=226']);
  }, 60_000);
});
