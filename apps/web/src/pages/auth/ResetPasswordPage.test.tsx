import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import { ResetPasswordPage } from './ResetPasswordPage';

function setup(route: string, complete: { status?: number; body: unknown }) {
  const fetch = mockFetch((call) => {
    if (call.method === 'GET' && call.url.pathname === '/api/auth/password-reset/live-token') return { body: { email: 'dave@example.com' } };
    if (call.method === 'POST' && call.url.pathname === '/api/auth/password-reset/complete') return complete;
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<ResetPasswordPage />, { path: '/reset-password', route });
  return { fetch, user: userEvent.setup() };
}

describe('ResetPasswordPage', () => {
  it('explains a used or expired link and offers a new one', async () => {
    setup('/reset-password?token=spent', { body: {} });
    expect(await screen.findByRole('alert')).toHaveTextContent('This reset link does not work any more');
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('sets the new password with the token, and shows a refusal under the field', async () => {
    const { user, fetch } = setup('/reset-password?token=live-token', {
      status: 400,
      body: { statusCode: 400, code: 'password_personal', message: 'too close' },
    });
    expect(await screen.findByText(/For dave@example\.com/)).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^New password/), 'dave@example.com');
    await user.click(screen.getByRole('button', { name: 'Save and sign in' }));
    expect(await screen.findByText('The password is too close to your e-mail or name; choose another.')).toBeInTheDocument();
    expect(fetch.calls.find((c) => c.method === 'POST')?.body).toEqual({ token: 'live-token', password: 'dave@example.com' });
  });
});
