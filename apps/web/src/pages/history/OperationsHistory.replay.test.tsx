import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp, type FetchCall } from '../../test/render';
import { op } from '../../test/operation-fixtures';
import { OperationsHistory } from './OperationsHistory';

const failed = op('op2', 'failed', 2, { error: { code: 'http_status', message: 'Envybox answered 401', step: 'Create the lead' } });
const replayed = op('op9', 'queued', 5, { replayOf: 'op2', processingVersion: 4, startedAt: null, finishedAt: null, params: { r_id: '62' } });

const processing = {
  id: 'p1',
  webhookToken: 'tok123',
  version: 4,
  source: { type: 'webhook' as const, methods: ['GET' as const], parameters: [{ name: 'r_id' }], dedup: null },
};

const FROM = '2025-03-14T09:00:00.000Z';
const TO = '2025-03-14T11:00:00.000Z';

function setup(route = '/processings/p1/history', bulkCount = 7) {
  let replayDone = false;
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (call.method === 'GET' && path === '/api/processings/p1/operations') {
      return { body: { items: replayDone ? [replayed, op('op1', 'succeeded', 3), failed] : [op('op1', 'succeeded', 3), failed], nextCursor: null } };
    }
    if (call.method === 'POST' && path === '/api/operations/op2/replay') {
      replayDone = true;
      return { status: 201, body: replayed };
    }
    if (call.method === 'POST' && path === '/api/processings/p1/replay') return { body: { count: bulkCount } };
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<OperationsHistory processing={processing} />, { path: '/processings/:id/history', route });
  return { fetch, user: userEvent.setup() };
}

// Mantine keeps notifications in a module-wide store; without this, earlier tests' toasts fill the limit of 4 and queue later ones.
afterEach(() => {
  notifications.clean();
  notifications.cleanQueue();
});

const rows = () => within(screen.getByRole('table', { name: 'Events' })).getAllByRole('row').slice(1);
const failedRow = () => rows().find((row) => row.getAttribute('data-operation') === 'op2') as HTMLElement;
const posts = (calls: FetchCall[], path: string) => calls.filter((c) => c.method === 'POST' && c.url.pathname === path);
const listLoads = (calls: FetchCall[]) => calls.filter((c) => c.method === 'GET' && c.url.pathname === '/api/processings/p1/operations').length;

async function openRowReplay(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() => expect(rows()).toHaveLength(2));
  await user.click(within(failedRow()).getByRole('button', { name: 'Replay' }));
  return screen.findByRole('dialog');
}

describe('history table: replaying one failed event', () => {
  it('states the defaults and sends { from: failed, version: original } when they are kept', async () => {
    const { fetch, user } = setup();
    const options = await openRowReplay(user);
    expect(options).toHaveTextContent('By default: from the step that failed, with the processing version the event originally ran with.');
    expect(within(options).getByRole('radio', { name: 'From the failed step' })).toBeChecked();
    expect(within(options).getByRole('radio', { name: 'Original (version 3)' })).toBeChecked();
    expect(within(options).getByRole('radio', { name: 'From the very start' })).not.toBeChecked();
    expect(within(options).getByRole('radio', { name: 'Current (with the latest changes)' })).not.toBeChecked();

    const loadsBefore = listLoads(fetch.calls);
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(posts(fetch.calls, '/api/operations/op2/replay')).toHaveLength(1));
    expect(posts(fetch.calls, '/api/operations/op2/replay')[0]?.body).toEqual({ from: 'failed', version: 'original' });
    // The list is asked again and shows the new (replay) operation; the options close.
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(listLoads(fetch.calls)).toBeGreaterThan(loadsBefore);
    expect(rows()[0]).toHaveAttribute('data-operation', 'op9');
    expect(rows()[0]).toHaveTextContent('Queued');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByText('Replay started — it shows up in the history')).toBeInTheDocument();
    // Only this one event was replayed, not the whole period.
    expect(posts(fetch.calls, '/api/processings/p1/replay')).toHaveLength(0);
  });

  it('sends { from: start, version: current } when the user picks them', async () => {
    const { fetch, user } = setup();
    const options = await openRowReplay(user);
    await user.click(within(options).getByRole('radio', { name: 'From the very start' }));
    await user.click(within(options).getByRole('radio', { name: 'Current (with the latest changes)' }));
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(posts(fetch.calls, '/api/operations/op2/replay')).toHaveLength(1));
    expect(posts(fetch.calls, '/api/operations/op2/replay')[0]?.body).toEqual({ from: 'start', version: 'current' });
    await waitFor(() => expect(rows()).toHaveLength(3));
  });

  it('mixes the choices independently: from the start, with the original version', async () => {
    const { fetch, user } = setup();
    const options = await openRowReplay(user);
    await user.click(within(options).getByRole('radio', { name: 'From the very start' }));
    await user.click(within(options).getByRole('button', { name: 'Replay' }));

    await waitFor(() => expect(posts(fetch.calls, '/api/operations/op2/replay')).toHaveLength(1));
    expect(posts(fetch.calls, '/api/operations/op2/replay')[0]?.body).toEqual({ from: 'start', version: 'original' });
  });

  it('sends nothing when the user cancels', async () => {
    const { fetch, user } = setup();
    const options = await openRowReplay(user);
    await user.click(within(options).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetch.calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });
});

describe('history table: replaying every failed event in the period', () => {
  it('sends the period from the filter with the default options, and shows how many were replayed', async () => {
    const { fetch, user } = setup(`/processings/p1/history?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}`, 5);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Replay all failed in this range' }));

    const modal = await screen.findByRole('dialog', { name: 'Replay every failed event' });
    expect(modal).toHaveTextContent('By default: from the step that failed');
    expect(within(modal).getByRole('radio', { name: 'From the failed step' })).toBeChecked();
    expect(within(modal).getByRole('radio', { name: 'Original' })).toBeChecked();
    await user.click(within(modal).getByRole('button', { name: 'Replay all' }));

    await waitFor(() => expect(posts(fetch.calls, '/api/processings/p1/replay')).toHaveLength(1));
    expect(posts(fetch.calls, '/api/processings/p1/replay')[0]?.body).toEqual({ from: 'failed', version: 'original', receivedFrom: FROM, receivedTo: TO });
    expect(await screen.findByText('5 events are being replayed')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Replay every failed event' })).not.toBeInTheDocument());
    expect(posts(fetch.calls, '/api/operations/op2/replay')).toHaveLength(0);
  });

  it('sends the chosen options, and no bounds when the period is all time', async () => {
    const { fetch, user } = setup('/processings/p1/history', 1);
    await waitFor(() => expect(rows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Replay all failed in this range' }));

    const modal = await screen.findByRole('dialog', { name: 'Replay every failed event' });
    await user.click(within(modal).getByRole('radio', { name: 'From the very start' }));
    await user.click(within(modal).getByRole('radio', { name: 'Current (with the latest changes)' }));
    await user.click(within(modal).getByRole('button', { name: 'Replay all' }));

    await waitFor(() => expect(posts(fetch.calls, '/api/processings/p1/replay')).toHaveLength(1));
    expect(posts(fetch.calls, '/api/processings/p1/replay')[0]?.body).toEqual({ from: 'start', version: 'current' });
    expect(await screen.findByText('1 event is being replayed')).toBeInTheDocument();
  });
});
