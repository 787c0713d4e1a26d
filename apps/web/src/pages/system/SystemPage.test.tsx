import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SystemOverview } from '@provod/contracts';
import i18n from '../../i18n';
import { mockFetch, renderWithApp } from '../../test/render';
import SystemPage from './SystemPage';

const overview: SystemOverview = {
  workers: [{ id: 'host-a:4242', pid: 4242, startedAt: '2026-12-01T08:00:00.000Z', lastBeatAt: null, expiresInMs: 12_000 }],
  queue: { waiting: 3, active: 1, delayed: 0, failed: 1 },
  backlog: { waiting: 3, oldestWaitingSeconds: 75, pastLease: 0 },
  database: { sizeBytes: 42 * 1024 * 1024 },
  givenUp: [
    {
      id: 'op-1',
      processingId: 'p1',
      processingName: 'U-ON → Envybox',
      receivedAt: '2026-12-01T09:00:00.000Z',
      finishedAt: '2026-12-01T09:05:00.000Z',
      attempts: 8,
      reason: 'Provod could not run this operation after several attempts: connection terminated',
    },
  ],
  mail: { configured: false, pending: 2, lastSentAt: null, lastError: null },
  capacity: [],
};

describe('SystemPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows workers, backlog, database size and mail, and retries an operation the queue gave up on', async () => {
    await i18n.changeLanguage('ru');
    let given = overview.givenUp;
    const fetch = mockFetch((call) => {
      if (call.method === 'GET' && call.url.pathname === '/api/system') return { body: { ...overview, givenUp: given } };
      if (call.method === 'POST' && call.url.pathname === '/api/system/operations/op-1/retry') {
        given = [];
        return { body: { id: 'op-1', status: 'queued' } };
      }
      return undefined;
    });
    vi.stubGlobal('fetch', fetch.fn);
    renderWithApp(<SystemPage />);

    expect(await screen.findByRole('heading', { name: 'Система' })).toBeInTheDocument();
    expect(screen.getByText('host-a:4242')).toBeInTheDocument();
    expect(screen.getByText('42 MB')).toBeInTheDocument();
    expect(screen.getByText('75 с')).toBeInTheDocument();
    expect(screen.getByText('ждут: 3')).toBeInTheDocument();
    expect(screen.getByText('сбой: 1')).toBeInTheDocument();
    expect(screen.getByText('Почта не настроена')).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Операции, от которых очередь отказалась' });
    expect(within(table).getByText(/connection terminated/)).toBeInTheDocument();
    expect(within(table).getByText(/8 попыток/)).toBeInTheDocument();

    await userEvent.click(within(table).getByRole('button', { name: 'Повторить' }));
    await waitFor(() => expect(fetch.calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/system/operations/op-1/retry')).toBe(true));
    expect(await screen.findByText('Таких операций нет.')).toBeInTheDocument();
  });

  it('says plainly when no worker runs', async () => {
    await i18n.changeLanguage('en');
    vi.stubGlobal('fetch', mockFetch((call) => (call.url.pathname === '/api/system' ? { body: { ...overview, workers: [] } } : undefined)).fn);
    renderWithApp(<SystemPage />);
    expect(await screen.findByText(/No worker is running/)).toBeInTheDocument();
  });
});
