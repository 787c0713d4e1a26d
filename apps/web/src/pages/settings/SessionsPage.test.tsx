import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '@provod/contracts';
import { mockFetch, renderWithApp } from '../../test/render';
import SessionsPage, { deviceName } from './SessionsPage';

const sessions: SessionInfo[] = [
  {
    id: 's1',
    createdAt: '2025-03-14T09:00:00.000Z',
    lastUsedAt: '2025-03-14T10:00:00.000Z',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
    address: '192.0.2.10',
    current: true,
  },
  {
    id: 's2',
    createdAt: '2025-03-01T09:00:00.000Z',
    lastUsedAt: '2025-03-02T09:00:00.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0.0.0 Safari/537.36',
    address: '198.51.100.4',
    current: false,
  },
];

function setup() {
  let list = sessions;
  const fetch = mockFetch((call) => {
    if (call.method === 'GET' && call.url.pathname === '/api/auth/sessions') return { body: list };
    if (call.method === 'DELETE' && call.url.pathname === '/api/auth/sessions/s2') {
      list = list.filter((s) => s.id !== 's2');
      // (A 204 cannot be built with the mock's empty body; the client treats both alike.)
      return { status: 200 };
    }
    if (call.method === 'POST' && call.url.pathname === '/api/auth/password') {
      return { status: 400, body: { statusCode: 400, code: 'wrong_password', message: 'The current password is wrong' } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<SessionsPage />, { path: '/settings/sessions', route: '/settings/sessions' });
  return { fetch, user: userEvent.setup() };
}

describe('SessionsPage', () => {
  it('names browsers plainly', () => {
    expect(sessions.map((s) => deviceName(s.userAgent))).toEqual(['Firefox/140', 'Chrome/131']);
  });

  it('lists sessions, marks this one, and ends another', async () => {
    const { user, fetch } = setup();
    const table = await screen.findByRole('table', { name: 'Sessions & password' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 2).map((c) => c.textContent))).toEqual([
      ['Firefox/140this session', '192.0.2.10'],
      ['Chrome/131', '198.51.100.4'],
    ]);
    await user.click(screen.getByRole('button', { name: 'End the session Chrome/131' }));
    expect(fetch.calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname)).toEqual(['/api/auth/sessions/s2']);
    await vi.waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
  });

  it('says under the field when the current password is wrong', async () => {
    const { user } = setup();
    await user.type(await screen.findByLabelText(/^Current password/), 'not it');
    await user.type(screen.getByLabelText(/^New password/), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('The current password is wrong.')).toBeInTheDocument();
  });
});
