import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import MembersPage from './MembersPage';

function setup() {
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (path === '/api/auth/me') {
      return {
        body: { user: { id: 'u1', email: 'owner@example.com', name: 'Olga' }, workspaces: [{ id: 'w1', name: 'Agency', role: 'owner' }], currentWorkspaceId: 'w1' },
      };
    }
    if (path === '/api/workspaces/current/members') {
      return {
        body: [
          { userId: 'u1', email: 'owner@example.com', name: 'Olga', role: 'owner' },
          { userId: 'u2', email: 'dave@example.com', name: 'Dave', role: 'member' },
        ],
      };
    }
    if (call.method === 'POST' && path === '/api/workspaces/current/members/u2/password-reset') {
      return { status: 201, body: { resetUrl: 'http://provod.test/reset-password?token=one-time' } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<MembersPage />, { path: '/settings/members', route: '/settings/members' });
  return { fetch, user: userEvent.setup() };
}

describe('MembersPage', () => {
  it('lets the owner issue a one-time password-reset link for a member, never for themselves', async () => {
    const { user, fetch } = setup();
    const button = await screen.findByRole('button', { name: 'Password-reset link for dave@example.com' });
    expect(screen.queryByRole('button', { name: 'Password-reset link for owner@example.com' })).not.toBeInTheDocument();
    await user.click(button);
    expect(await screen.findByLabelText('Password-reset link')).toHaveTextContent('http://provod.test/reset-password?token=one-time');
    expect(fetch.calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/workspaces/current/members/u2/password-reset']);
  });
});
