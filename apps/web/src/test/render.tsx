import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Providers } from '../Providers';
import { createQueryClient } from '../query-client';

/** Renders with the app's real providers and a memory router, as the app would. */
export function renderWithApp(ui: ReactElement, { path = '/', route = '/' }: { path?: string; route?: string } = {}): RenderResult {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: 0 }, mutations: { retry: false } });
  const router = createMemoryRouter([{ path, element: ui }], { initialEntries: [route] });
  return render(
    <Providers client={client} env="test">
      <RouterProvider router={router} />
    </Providers>,
  );
}

export interface FetchCall {
  method: string;
  url: URL;
  body: unknown;
}

/** A `fetch` that answers from a routing function and records every call. */
export function mockFetch(answer: (call: FetchCall) => { status?: number; body?: unknown } | undefined) {
  const calls: FetchCall[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input), 'http://provod.test');
    const call: FetchCall = { method: (init?.method ?? 'GET').toUpperCase(), url, body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    const result = answer(call) ?? { status: 404, body: { statusCode: 404, message: 'Not found' } };
    const status = result.status ?? 200;
    return new Response(result.body === undefined ? '' : JSON.stringify(result.body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fn, calls };
}
