import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockFetch } from '../test/render';
import { ApiError, onUnauthorized, request } from './client';

describe('API client', () => {
  afterEach(() => {
    onUnauthorized(null);
    document.cookie = 'provod_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  });

  it('sends the provod_csrf cookie as X-CSRF-Token on every change, and not on reads', async () => {
    document.cookie = 'provod_csrf=tok%3D123';
    const headers: Record<string, string>[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      headers.push(init.headers as Record<string, string>);
      return new Response('{}', { status: 200 });
    });
    await request('GET', '/api/processings');
    await request('POST', '/api/processings', { name: 'x' });
    await request('DELETE', '/api/secrets/A');
    expect(headers[0]?.['X-CSRF-Token']).toBeUndefined();
    expect(headers[1]?.['X-CSRF-Token']).toBe('tok=123');
    expect(headers[2]?.['X-CSRF-Token']).toBe('tok=123');
  });

  it('reports 401 to the app (which goes to the sign-in page), except where the caller handles it', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    vi.stubGlobal('fetch', mockFetch(() => ({ status: 401, body: { statusCode: 401, message: 'Sign in first' } })).fn);
    await expect(request('GET', '/api/processings')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
    await expect(request('POST', '/api/auth/login', {}, { quiet401: true })).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps validation issues with their paths', async () => {
    vi.stubGlobal(
      'fetch',
      mockFetch(() => ({ status: 400, body: { statusCode: 400, message: 'Invalid', issues: [{ path: ['actions', 2, 'settings', 'url'], message: 'required' }] } })).fn,
    );
    await expect(request('PUT', '/api/processings/p1', {})).rejects.toMatchObject({ issues: [{ path: 'actions.2.settings.url', message: 'required' }] });
  });
});
