export interface ApiIssue {
  /** Dotted path into the request body, e.g. `actions.2.settings.url`. */
  path: string;
  message: string;
}

/** The API answered with a non-2xx status (or with something that is not JSON). */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: ApiIssue[];
  /** Seconds from `Retry-After`, when the server sent one (sign-in throttling). */
  readonly retryAfter: number | null;
  /** A machine-readable reason when the API gives one (e.g. `password_common`), for a translated message. */
  readonly code: string | null;

  constructor(status: number, message: string, issues: ApiIssue[] = [], retryAfter: number | null = null, code: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.issues = issues;
    this.retryAfter = retryAfter;
    this.code = code;
  }
}

/** The request never got an HTTP answer: the server is down or the network is gone. */
export class NetworkError extends Error {
  constructor() {
    super('network error');
    this.name = 'NetworkError';
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export const CSRF_COOKIE = 'provod_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

export function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

let unauthorizedHandler: (() => void) | null = null;

/** The app registers how to send the user to the sign-in page; the client itself knows no routes. */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function toApiError(status: number, data: unknown, retryAfter: number | null): ApiError {
  if (!data || typeof data !== 'object') return new ApiError(status, '', [], retryAfter);
  const body = data as { message?: unknown; issues?: unknown; code?: unknown };
  // Besides the documented `{message, issues}`, framework-level errors may carry a list of messages.
  const message = Array.isArray(body.message)
    ? body.message.map(String).join('; ')
    : typeof body.message === 'string'
      ? body.message
      : '';
  const issues = Array.isArray(body.issues)
    ? body.issues.map((raw: unknown): ApiIssue => {
        const issue = (raw ?? {}) as { path?: unknown; message?: unknown };
        const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
        return { path, message: String(issue.message ?? '') };
      })
    : [];
  return new ApiError(status, message, issues, retryAfter, typeof body.code === 'string' ? body.code : null);
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  signal?: AbortSignal;
  /** Auth endpoints answer 401 for a wrong password; that must not bounce the user to the sign-in page. */
  quiet401?: boolean;
}

export async function request<T>(method: string, url: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new NetworkError();
  }
  const text = await response.text();
  let data: unknown = undefined;
  let parsed = text === '';
  if (text !== '') {
    try {
      data = JSON.parse(text);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (!response.ok) {
    const retryHeader = response.headers.get('Retry-After');
    const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
    if (response.status === 401 && !options.quiet401) unauthorizedHandler?.();
    throw toApiError(response.status, data, retryAfter);
  }
  // A 200 with HTML means the request missed the API (e.g. a proxy served the SPA instead).
  if (!parsed) throw new ApiError(response.status, '');
  return data as T;
}
