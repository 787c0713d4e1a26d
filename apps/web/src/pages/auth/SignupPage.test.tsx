import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mockFetch, renderWithApp } from '../../test/render';
import { SignupPage } from './SignupPage';

function setup(refusal: { status: number; body: unknown }, route = '/signup') {
  const fetch = mockFetch((call) => {
    if (call.url.pathname === '/api/auth/me') return { status: 401, body: { statusCode: 401, message: 'Sign in first' } };
    if (call.url.pathname === '/api/auth/setup') return { body: { needsOwner: false, signupOpen: true } };
    if (call.method === 'POST' && call.url.pathname === '/api/auth/signup') return refusal;
    return undefined;
  });
  vi.stubGlobal('fetch', fetch.fn);
  renderWithApp(<SignupPage />, { path: '/signup', route });
  return { fetch, user: userEvent.setup() };
}

async function submit(user: ReturnType<typeof userEvent.setup>, password: string) {
  await user.type(await screen.findByRole('textbox', { name: 'E-mail' }), 'dave@example.com');
  await user.type(screen.getByLabelText(/^Password/), password);
  await user.click(screen.getByRole('button', { name: 'Sign up' }));
}

describe('SignupPage', () => {
  it('says why a password is refused, under the password field', async () => {
    const { user, fetch } = setup({
      status: 400,
      body: { statusCode: 400, code: 'password_common', message: 'This password is in lists of common passwords; choose another.' },
    });
    await submit(user, 'qwertyuiop');
    expect(await screen.findByText('This password is in lists of common passwords; choose another.')).toBeInTheDocument();
    expect(fetch.calls.find((c) => c.method === 'POST')?.body).toMatchObject({ email: 'dave@example.com', password: 'qwertyuiop' });
  });

  it('says when an invitation was sent to another address', async () => {
    const { user } = setup(
      { status: 403, body: { statusCode: 403, code: 'invite_other_address', message: 'This invitation was sent to another e-mail address' } },
      '/signup?invite=tok',
    );
    await submit(user, 'correct horse battery');
    expect(await screen.findByRole('alert')).toHaveTextContent('This invitation was sent to another address: use the e-mail it came to.');
  });
});
