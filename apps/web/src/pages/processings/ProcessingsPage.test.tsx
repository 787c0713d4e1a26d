import { notifications } from '@mantine/notifications';
import type { ProcessingView } from '@provod/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp, type FetchCall } from '../../test/render';
import { ProcessingsPage } from './ProcessingsPage';

const base: ProcessingView = {
  id: 'p1',
  workspaceId: 'w1',
  name: 'U-ON → Envybox',
  status: 'stopped',
  webhookToken: 'tok123',
  version: 3,
  source: { type: 'webhook', methods: ['GET', 'POST'], parameters: [{ name: 'r_id' }], dedup: null },
  actions: [],
  alertRecipients: [],
  createdAt: '2025-03-01T09:00:00.000Z',
  updatedAt: '2025-03-14T09:00:00.000Z',
};

function setup(held: number) {
  let status: ProcessingView['status'] = 'stopped';
  let waiting = held;
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === '/api/processings') return { body: [{ ...base, status }] };
    if (call.method === 'GET' && path === '/api/processings/stats') {
      return { body: [{ processingId: 'p1', lastEventAt: '2025-03-14T10:00:00.000Z', succeeded24h: 12, failed24h: 1, held: waiting }] };
    }
    if (call.method === 'GET' && path === '/api/processings/p1/chart') return { body: { buckets: [] } };
    if (call.method === 'POST' && path === '/api/processings/p1/start') {
      status = 'running';
      return { body: { ...base, status } };
    }
    if (call.method === 'GET' && path === '/api/processings/p1/held') return { body: { count: waiting } };
    if (call.method === 'POST' && (path === '/api/processings/p1/held/process' || path === '/api/processings/p1/held/discard')) {
      const count = waiting;
      waiting = 0;
      return { body: { count } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<ProcessingsPage />, { path: '/processings', route: '/processings' });
  return { fetch, user: userEvent.setup() };
}

const card = () => screen.getByRole('article', { name: 'U-ON → Envybox' });
const posts = (calls: FetchCall[]) => calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname);

async function start(user: ReturnType<typeof userEvent.setup>) {
  await user.click(within(await screen.findByRole('article', { name: 'U-ON → Envybox' })).getByRole('button', { name: 'Start' }));
}

afterEach(() => {
  notifications.clean();
  notifications.cleanQueue();
});

describe('processings list: events held while stopped', () => {
  it('after Start, asks how many are held and processes them on request', async () => {
    const { fetch, user } = setup(3);
    await start(user);

    const prompt = await screen.findByRole('dialog', { name: 'Some events are waiting' });
    expect(prompt).toHaveTextContent('While “U-ON → Envybox” was stopped, 3 events arrived.');
    expect(fetch.calls.some((c) => c.method === 'GET' && c.url.pathname === '/api/processings/p1/held')).toBe(true);
    expect(posts(fetch.calls)).toEqual(['/api/processings/p1/start']);

    await user.click(within(prompt).getByRole('button', { name: 'Process 3' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Some events are waiting' })).not.toBeInTheDocument());
    expect(posts(fetch.calls)).toEqual(['/api/processings/p1/start', '/api/processings/p1/held/process']);
    expect(fetch.calls.find((c) => c.url.pathname === '/api/processings/p1/held/process')?.body).toBeUndefined();
    expect(await screen.findByText('3 events sent for processing')).toBeInTheDocument();
    // The card now shows the processing as running, with nothing left waiting.
    await waitFor(() => expect(within(card()).getByRole('button', { name: 'Stop' })).toBeInTheDocument());
    await waitFor(() => expect(within(card()).queryByText('3 events waiting')).not.toBeInTheDocument());
  });

  it('after Start, discards the held events on request', async () => {
    const { fetch, user } = setup(3);
    await start(user);

    const prompt = await screen.findByRole('dialog', { name: 'Some events are waiting' });
    await user.click(within(prompt).getByRole('button', { name: 'Discard them' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Some events are waiting' })).not.toBeInTheDocument());
    expect(posts(fetch.calls)).toEqual(['/api/processings/p1/start', '/api/processings/p1/held/discard']);
    expect(fetch.calls.find((c) => c.url.pathname === '/api/processings/p1/held/discard')?.body).toBeUndefined();
    expect(await screen.findByText('3 events discarded')).toBeInTheDocument();
  });

  it('asks nothing when no events are held', async () => {
    const { fetch, user } = setup(0);
    await start(user);

    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'GET' && c.url.pathname === '/api/processings/p1/held')).toBe(true));
    await waitFor(() => expect(within(card()).getByRole('button', { name: 'Stop' })).toBeInTheDocument());
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(posts(fetch.calls)).toEqual(['/api/processings/p1/start']);
  });
});
