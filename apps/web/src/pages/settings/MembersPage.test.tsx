import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import MembersPage from './MembersPage';

function setup(myRole: 'owner' | 'editor' | 'viewer' = 'owner') {
  const fetch = mockFetch((call) => {
    const path = call.url.pathname;
    if (path === '/api/auth/me') {
      return {
        body: { user: { id: 'u1', email: 'owner@example.com', name: 'Olga' }, workspaces: [{ id: 'w1', name: 'Agency', role: myRole }], currentWorkspaceId: 'w1' },
      };
    }
    if (call.method === 'PUT' && path === '/api/workspaces/current/members/u2/role') {
      return { body: { userId: 'u2', email: 'dave@example.com', name: 'Dave', role: (call.body as { role: string }).role } };
    }
    if (call.method === 'POST' && path === '/api/workspaces/current/invites') {
      return { status: 201, body: { inviteUrl: 'http://provod.test/signup?invite=t', emailed: false } };
    }
    if (path === '/api/workspaces/current/members') {
      return {
        body: [
          { userId: 'u1', email: 'owner@example.com', name: 'Olga', role: 'owner' },
          { userId: 'u2', email: 'dave@example.com', name: 'Dave', role: 'editor' },
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

  it('lets the owner change a member\'s role and invite with a chosen role', async () => {
    const { user, fetch } = setup();
    await user.click(await screen.findByRole('combobox', { name: 'Role of dave@example.com' }));
    await user.click(await screen.findByRole('option', { name: 'viewer' }));
    expect(await screen.findByText('dave@example.com is now viewer')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Invite by e-mail' }), 'vera@example.com');
    await user.click(screen.getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'viewer' }));
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(await screen.findByText('Invitation for vera@example.com created')).toBeInTheDocument();
    const sent = fetch.calls.filter((c) => c.method !== 'GET').map((c) => [c.method, c.url.pathname, c.body]);
    expect(sent).toEqual([
      ['PUT', '/api/workspaces/current/members/u2/role', { role: 'viewer' }],
      ['POST', '/api/workspaces/current/invites', { email: 'vera@example.com', role: 'viewer' }],
    ]);
  });

  it('shows roles read-only and no invitation form to someone who is not an owner', async () => {
    setup('viewer');
    expect(await screen.findByText('editor')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Role of dave@example.com' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Invite' })).not.toBeInTheDocument();
  });
});
