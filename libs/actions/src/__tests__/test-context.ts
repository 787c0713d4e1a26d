import { isStepFailure, type ExecutionContext, type HttpPort, type HttpRequestSpec, type HttpResponseData, type Scope, type StepFailure } from '@provod/engine';

export function testScope(extra: Record<string, unknown> = {}): Scope {
  return {
    source: { r_id: '61' },
    event: { method: 'GET', query: { r_id: '61' }, headers: {}, body: null },
    secrets: { UON_KEY: 'KEY' },
    ...extra,
  };
}

/** An HttpPort that records what it was asked to send and answers from a script. */
export class FakeHttp implements HttpPort {
  readonly sent: HttpRequestSpec[] = [];

  constructor(private readonly answer: (request: HttpRequestSpec) => HttpResponseData | Promise<HttpResponseData>) {}

  async send(request: HttpRequestSpec): Promise<HttpResponseData> {
    this.sent.push(request);
    return this.answer(request);
  }
}

export function jsonResponse(body: unknown, status = 200): HttpResponseData {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(body)) };
}

export function contextWith(scope: Scope, http: HttpPort = new FakeHttp(() => jsonResponse({}))): ExecutionContext {
  return { scope, http, operationId: 'op-1', stepIndex: 0 };
}

/** The StepFailure a promise rejects with; anything else (or success) fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<StepFailure> {
  try {
    await promise;
  } catch (error) {
    if (isStepFailure(error)) return error;
    throw error;
  }
  throw new Error('expected a StepFailure');
}
