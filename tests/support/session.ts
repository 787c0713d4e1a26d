import request from 'supertest';

/** A signed-in caller: the session cookie plus the CSRF token every change must carry. */
export interface Session {
  url: string;
  cookie: string;
  csrf: string;
  userId: string;
  workspaceId: string;
}

function cookiesOf(setCookie: string[] | string | undefined): Record<string, string> {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return Object.fromEntries(list.map((c) => c.split(';')[0]!.split('=') as [string, string]));
}

export async function startSession(url: string, path: '/api/auth/signup' | '/api/auth/login', body: Record<string, unknown>): Promise<Session> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
  const me = (await res.json()) as { user: { id: string }; currentWorkspaceId: string };
  const cookies = cookiesOf(res.headers.getSetCookie());
  return {
    url,
    cookie: `provod_session=${cookies.provod_session}; provod_csrf=${cookies.provod_csrf}`,
    csrf: cookies.provod_csrf as string,
    userId: me.user.id,
    workspaceId: me.currentWorkspaceId,
  };
}

let counter = 0;

/** Signs up a new user: the first one of a fresh database becomes the owner of the first workspace. */
export function signUp(url: string, email = `user${++counter}-${Date.now()}@example.com`, extra: Record<string, unknown> = {}): Promise<Session> {
  return startSession(url, '/api/auth/signup', { email, password: 'correct horse battery', ...extra });
}

/** supertest with the session's cookie and CSRF header on every request. */
export function agent(session: Session) {
  return request.agent(session.url).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);
}
