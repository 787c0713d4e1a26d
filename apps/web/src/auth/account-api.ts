import type { Me, PasswordResetCheck, PasswordResetLink, PasswordResetRequested, SessionInfo } from '@provod/contracts';
import { request } from '../api/client';

const enc = encodeURIComponent;

/** Sessions, password change and password reset: the account's own endpoints. */
export const accountApi = {
  sessions: () => request<SessionInfo[]>('GET', '/api/auth/sessions'),
  revokeSession: (id: string) => request<void>('DELETE', `/api/auth/sessions/${enc(id)}`),
  revokeAllSessions: () => request<void>('POST', '/api/auth/sessions/revoke-all'),
  changePassword: (input: { currentPassword: string; newPassword: string }) => request<Me>('POST', '/api/auth/password', input),
  requestReset: (email: string) =>
    request<PasswordResetRequested>('POST', '/api/auth/password-reset/request', { email }, { quiet401: true }),
  checkReset: (token: string) => request<PasswordResetCheck>('GET', `/api/auth/password-reset/${enc(token)}`, undefined, { quiet401: true }),
  completeReset: (input: { token: string; password: string }) =>
    request<Me>('POST', '/api/auth/password-reset/complete', input, { quiet401: true }),
  issueReset: (userId: string) => request<PasswordResetLink>('POST', `/api/workspaces/current/members/${enc(userId)}/password-reset`),
};

export const accountKeys = {
  sessions: ['sessions'] as const,
  reset: (token: string) => ['password-reset', token] as const,
};
