import type {
  OperationDetail,
  OperationPage,
  OperationStatus,
  ProcessingView,
} from '@provod/contracts';

export interface ApiIssue {
  path: string;
  message: string;
}

/** The API answered with a non-2xx status (or with something that is not JSON). */
export class ApiError extends Error {
  readonly status: number;
  readonly issues: ApiIssue[];

  constructor(status: number, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.issues = issues;
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

function toApiError(status: number, data: unknown): ApiError {
  if (!data || typeof data !== 'object') return new ApiError(status, '');
  const body = data as { message?: unknown; issues?: unknown };
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
  return new ApiError(status, message, issues);
}

async function request<T>(method: string, url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
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
  if (!response.ok) throw toApiError(response.status, data);
  // A 200 with HTML means the request missed the API (e.g. a proxy served the SPA instead).
  if (!parsed) throw new ApiError(response.status, '');
  return data as T;
}

const enc = encodeURIComponent;

export const api = {
  listProcessings: (signal?: AbortSignal) => request<ProcessingView[]>('GET', '/api/processings', undefined, signal),

  getProcessing: (id: string, signal?: AbortSignal) =>
    request<ProcessingView>('GET', `/api/processings/${encodeURIComponent(id)}`, undefined, signal),

  createProcessing: (name: string) => request<ProcessingView>('POST', '/api/processings', { name }),

  importProcessing: (document: unknown) => request<ProcessingView>('POST', '/api/processings/import', document),

  /** The body is whatever the user typed; validating it is the API's job, and its issues are shown as they come. */
  updateProcessing: (id: string, definition: unknown) =>
    request<ProcessingView>('PUT', `/api/processings/${enc(id)}`, definition),

  startProcessing: (id: string) => request<ProcessingView>('POST', `/api/processings/${enc(id)}/start`),

  stopProcessing: (id: string) => request<ProcessingView>('POST', `/api/processings/${enc(id)}/stop`),

  listOperations(
    processingId: string,
    options: { status?: OperationStatus; cursor?: string; limit?: number },
    signal?: AbortSignal,
  ): Promise<OperationPage> {
    const query = new URLSearchParams({ limit: String(options.limit ?? 50) });
    if (options.status) query.set('status', options.status);
    if (options.cursor) query.set('cursor', options.cursor);
    return request<OperationPage>('GET', `/api/processings/${enc(processingId)}/operations?${query}`, undefined, signal);
  },

  getOperation: (id: string, signal?: AbortSignal) =>
    request<OperationDetail>('GET', `/api/operations/${enc(id)}`, undefined, signal),
};

export function webhookUrl(token: string): string {
  return `${location.origin}/hooks/${token}`;
}
