import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';

function setup(mailConfigured: boolean) {
  const fetch = mockFetch((call) =>
    call.method === 'POST' && call.url.pathname === '/api/auth/password-reset/request' ? { status: 202, body: { mailConfigured } } : undefined,
  );
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<ForgotPasswordPage />, { path: '/forgot-password', route: '/forgot-password' });
  return { fetch, user: userEvent.setup() };
}

async function ask(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByRole('textbox', { name: 'E-mail' }), 'dave@example.com');
  await user.click(screen.getByRole('button', { name: 'Send the link' }));
}

describe('ForgotPasswordPage', () => {
  it('says the link is on its way, the same whether or not the account exists', async () => {
    const { user, fetch } = setup(true);
    await ask(user);
    expect(await screen.findByRole('status')).toHaveTextContent('If there is such an account, an e-mail with a link is on its way.');
    expect(fetch.calls.find((c) => c.method === 'POST')?.body).toEqual({ email: 'dave@example.com' });
  });

  it('names who can help when the server sends no e-mail', async () => {
    const { user } = setup(false);
    await ask(user);
    expect(await screen.findByRole('status')).toHaveTextContent('npm run reset-password');
  });
});
