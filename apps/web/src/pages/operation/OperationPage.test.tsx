import { notifications } from '@mantine/notifications';
import type { OperationDetail, ProcessingView } from '@provod/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp, type FetchCall } from '../../test/render';
import OperationPage from './OperationPage';

const request = { method: 'GET', query: { r_id: '62' }, headers: {}, contentType: null, bodyText: null, bodyEncoding: 'utf8' as const, body: null };

const failed: OperationDetail = {
  id: 'op2',
  processingId: 'p1',
  processingVersion: 3,
  status: 'failed',
  receivedAt: '2025-03-14T10:02:00.000Z',
  startedAt: '2025-03-14T10:02:00.100Z',
  finishedAt: '2025-03-14T10:02:01.300Z',
  params: { r_id: '62' },
  error: { code: 'http_status', message: 'Envybox answered 401', step: 'Create the lead' },
  attempts: 1,
  replayOf: null,
  duplicateOf: null,
  request,
  steps: [
    {
      actionId: 'a1',
      key: 'lead',
      type: 'http_request',
      name: 'Create the lead',
      status: 'failed',
      input: { url: 'https://api.envybox.io/lead' },
      error: { code: 'http_status', message: 'Envybox answered 401' },
      startedAt: '2025-03-14T10:02:00.200Z',
      durationMs: 900,
      attempt: 1,
    },
  ],
  replays: [],
};

const replay: OperationDetail = {
  ...failed,
  id: 'op9',
  processingVersion: 4,
  status: 'queued',
  receivedAt: '2025-03-14T10:05:00.000Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  replayOf: 'op2',
  steps: [],
};

// The API answers a replay with the new operation's summary.
const { request: _request, steps: _steps, replays: _replays, ...replaySummary } = replay;

const processing = { id: 'p1', name: 'U-ON → Envybox', status: 'running', webhookToken: 'tok123', version: 4 } as ProcessingView;

function setup(replayAnswer: { status: number; body: unknown } = { status: 201, body: replaySummary }) {
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === '/api/operations/op2') return { body: failed };
    if (call.method === 'GET' && path === '/api/operations/op9') return { body: replay };
    if (call.method === 'GET' && path === '/api/processings/p1') return { body: processing };
    if (call.method === 'POST' && path === '/api/operations/op2/replay') return replayAnswer;
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<OperationPage />, { path: '/operations/:id', route: '/operations/op2' });
  return { fetch, user: userEvent.setup() };
}

const replays = (calls: FetchCall[]) => calls.filter((c) => c.method === 'POST' && c.url.pathname === '/api/operations/op2/replay');

async function openReplay(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('heading', { level: 1 });
  await user.click(screen.getByRole('button', { name: 'Replay' }));
  return screen.findByRole('dialog');
}

afterEach(() => {
  notifications.clean();
  notifications.cleanQueue();
});

describe('operation page: replay', () => {
  it('replays from the failed step with the original version by default, then opens the new operation', async () => {
    const { fetch, user } = setup();
    expect(await screen.findByText('Failed at step “Create the lead”')).toBeInTheDocument();
    const options = await openReplay(user);
    expect(options).toHaveTextContent('By default: from the step that failed, with the processing version the event originally ran with.');
    expect(within(options).getByRole('radio', { name: 'From the failed step' })).toBeChecked();
    expect(within(options).getByRole('radio', { name: 'Original (version 3)' })).toBeChecked();
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(replays(fetch.calls)).toHaveLength(1));
    expect(replays(fetch.calls)[0]?.body).toEqual({ from: 'failed', version: 'original' });
    // The page moves to the new operation, which links back to the one it replays.
    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'GET' && c.url.pathname === '/api/operations/op9')).toBe(true));
    expect(await screen.findByText('Replay of')).toBeInTheDocument();
    expect(screen.getByText('Queued')).toBeInTheDocument();
    expect(screen.queryByText('Failed at step “Create the lead”')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Replay' })).not.toBeInTheDocument();
    expect(screen.getByText('Replay started — it shows up in the history')).toBeInTheDocument();
  });

  it('sends { from: start, version: current } when the user picks them', async () => {
    const { fetch, user } = setup();
    const options = await openReplay(user);
    await user.click(within(options).getByRole('radio', { name: 'From the very start' }));
    await user.click(within(options).getByRole('radio', { name: 'Current (with the latest changes)' }));
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(replays(fetch.calls)).toHaveLength(1));
    expect(replays(fetch.calls)[0]?.body).toEqual({ from: 'start', version: 'current' });
    expect(await screen.findByText('Replay of')).toBeInTheDocument();
  });

  it('stays on the operation and says why when the server refuses the replay', async () => {
    const { fetch, user } = setup({ status: 409, body: { statusCode: 409, message: 'The processing was deleted' } });
    const options = await openReplay(user);
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(replays(fetch.calls)).toHaveLength(1));
    expect(await screen.findByText('Could not replay')).toBeInTheDocument();
    expect(screen.getByText('The processing was deleted')).toBeInTheDocument();
    expect(screen.getByText('Failed at step “Create the lead”')).toBeInTheDocument();
    expect(fetch.calls.some((c) => c.url.pathname === '/api/operations/op9')).toBe(false);
  });
});

describe('operation page: a held event', () => {
  const held: OperationDetail = { ...failed, id: 'op5', status: 'held', startedAt: null, finishedAt: null, error: null, steps: [] };
  const stopped = { ...processing, status: 'stopped' } as ProcessingView;

  it('is processed from its own page: the processing is started, then its held events run', async () => {
    let started = false;
    const fetch = mockFetch((call) => {
      const path = call.url.pathname;
      if (call.method === 'GET' && path === '/api/operations/op5') return { body: held };
      if (call.method === 'GET' && path === '/api/processings/p1') return { body: started ? processing : stopped };
      if (call.method === 'GET' && path === '/api/processings/p1/held') return { body: { count: started ? 0 : 1 } };
      if (call.method === 'POST' && path === '/api/processings/p1/start') {
        started = true;
        return { body: processing };
      }
      if (call.method === 'POST' && path === '/api/processings/p1/held/process') return { body: { count: 1 } };
      return undefined;
    });
    vi.stubGlobal('fetch', fetch.fn);
    renderWithApp(<OperationPage />, { path: '/operations/:id', route: '/operations/op5' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Process or discard…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Some events are waiting' });
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Start and process 1' }));
    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/processings/p1/held/process')).toBe(true));
    const posts = fetch.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname);
    expect(posts).toEqual(['/api/processings/p1/start', '/api/processings/p1/held/process']);
  });
});
