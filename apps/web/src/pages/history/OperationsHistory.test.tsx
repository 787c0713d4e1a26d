import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import { op } from '../../test/operation-fixtures';
import { OperationsHistory } from './OperationsHistory';

const processing = {
  id: 'p1',
  webhookToken: 'tok123',
  version: 3,
  source: { type: 'webhook' as const, methods: ['GET' as const], parameters: [{ name: 'r_id' }], dedup: null },
};

function setup() {
  const fetch = mockFetch((call) => {
    if (call.url.pathname !== '/api/processings/p1/operations') return undefined;
    const q = call.url.searchParams;
    if (q.get('cursor') === 'c1') return { body: { items: [op('op3', 'succeeded', 1)], nextCursor: null } };
    if (q.getAll('status').join() === 'failed') {
      return { body: { items: [op('op2', 'failed', 2, { error: { code: 'http_status', message: 'Envybox answered 401', step: 'Create the lead' } })], nextCursor: null } };
    }
    return {
      body: {
        items: [
          op('op1', 'succeeded', 3, { replayOf: 'op2' }),
          op('op2', 'failed', 2, {
            error: { code: 'http_status', message: 'Envybox answered 401', step: 'Create the lead', details: { status: 401, host: 'a.envycrm.com', secret: 'ENVYBOX_KEY' } },
          }),
        ],
        nextCursor: 'c1',
      },
    };
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<OperationsHistory processing={processing} />, { path: '/processings/:id/history', route: '/processings/p1/history' });
  return { fetch, user: userEvent.setup() };
}

const rows = () => within(screen.getByRole('table', { name: 'Events' })).getAllByRole('row').slice(1);

describe('history table', () => {
  it('shows each operation with status, parameters, duration and error summary', async () => {
    setup();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [first, second] = rows();
    expect(first).toHaveTextContent('Succeeded');
    expect(first).toHaveTextContent('r_id=63');
    expect(first).toHaveTextContent('1.2 s');
    expect(second).toHaveTextContent('Failed');
    expect(second).toHaveTextContent('Create the lead: Envybox rejected the key — check the secret ENVYBOX_KEY');
    expect(second).toHaveTextContent('replayed → succeeded');
    expect(within(second as HTMLElement).getByRole('link', { name: 'replayed → succeeded' })).toHaveAttribute('href', '/operations/op1');
    expect(within(second as HTMLElement).getByRole('button', { name: 'Replay' })).toBeInTheDocument();
  });

  it('warns before replaying an event that was already replayed or succeeded', async () => {
    const { user } = setup();
    await waitFor(() => expect(rows()).toHaveLength(2));
    const [first, second] = rows() as HTMLElement[];
    await user.click(within(second as HTMLElement).getByRole('button', { name: 'Replay' }));
    const replayed = await screen.findByRole('alert');
    expect(replayed).toHaveTextContent('This event was already replayed. Another replay may create a second lead.');
    expect(screen.getByRole('button', { name: 'Replay anyway' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(within(first as HTMLElement).getByRole('button', { name: 'Replay' }));
    expect(await screen.findByText('This event already succeeded. Replaying sends its data on again — it may create a second lead.')).toBeInTheDocument();
  });

  it('filters by status through the API', async () => {
    const { fetch, user } = setup();
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('checkbox', { name: 'Failed' }));
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]).toHaveTextContent('Create the lead: the server answered with an error');
    const last = fetch.calls[fetch.calls.length - 1];
    expect(last?.url.searchParams.getAll('status')).toEqual(['failed']);
  });

  it('loads older pages with the keyset cursor, never an offset', async () => {
    const { fetch, user } = setup();
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows()[2]).toHaveTextContent('r_id=61');
    expect(fetch.calls.some((c) => c.url.searchParams.get('cursor') === 'c1')).toBe(true);
    expect(fetch.calls.every((c) => !c.url.searchParams.has('offset'))).toBe(true);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('searches by a parameter value', async () => {
    const { fetch, user } = setup();
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.type(screen.getByRole('textbox', { name: 'Value' }), '61');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(fetch.calls.some((c) => c.url.searchParams.get('param') === 'r_id' && c.url.searchParams.get('value') === '61')).toBe(true));
  });
});
