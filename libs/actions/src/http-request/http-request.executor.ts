import { STATUS_CODES } from 'node:http';
import { type ActionOf, type HttpRequestOutput, type HttpRetry, secretOf } from '@provod/contracts';
import { type ActionExecutor, type ExecutionContext, isStepFailure, type RetryHint, type SandboxPort, type StepOutcome, StepFailure } from '@provod/engine';
import { throwWithInput } from '../step-input';
import { buildRequestIn, type HttpRequestInput } from './http-request.builder';
import { isSafeMethod, type HttpSendOptions, type HttpSendResult } from './http-send.options';
import { idempotencyKeyFor } from './idempotency-key.builder';
import { hostOf, neverReachedServer } from './network-failure';
import { MAX_RESPONSE_DEPTH, readResponseBody } from './response-body.reader';
import { isRetryableStatus, parseRetryAfterMs } from './retry-policy';

/** Error details land in the history; a multi-megabyte error page is cut to this many characters. */
const MAX_DETAIL_CHARS = 64 * 1024;

/** What a step that changes things shows in a test run instead of its answer. */
export interface SkippedRequestOutput {
  skipped: true;
  reason: 'not sent in a test run';
  request: HttpRequestInput;
}

export class HttpRequestExecutor implements ActionExecutor<'http_request'> {
  /** Rendering runs there when it may be expensive; without one (unit tests) it runs in place. */
  constructor(private readonly sandbox?: SandboxPort) {}

  async execute(action: ActionOf<'http_request'>, context: ExecutionContext): Promise<StepOutcome> {
    // Parsed by the schema, which fills in every default: none is repeated here.
    const settings = action.settings;
    const idempotency = settings.idempotencyKey;
    const built = await buildRequestIn(this.sandbox, settings, context.scope, {
      // Only writes need it: a repeated GET changes nothing.
      ...(idempotency.enabled && !isSafeMethod(settings.method)
        ? { idempotencyKey: { header: idempotency.header, value: idempotencyKeyFor(context.operationId, action.id) } }
        : {}),
    });
    const { input } = built;
    // Lets the error catalogue name the service, the U-ON record and the secret to check.
    const secret = secretOf(settings);
    const where = { url: input.url, host: hostOf(built.url), ...(secret ? { secret } : {}) };

    if (context.dryRunWrites && settings.method !== 'GET') {
      const output: SkippedRequestOutput = { skipped: true, reason: 'not sent in a test run', request: input };
      return { input, output, unresolved: built.unresolved };
    }
    if (settings.rateLimitPerSecond && context.rateLimiter) {
      // Per destination and step: U-ON's limit is per account, and one step talks to one account.
      await context.rateLimiter.acquire(`${new URL(built.url).origin} ${action.id}`, settings.rateLimitPerSecond);
    }

    const spec: HttpSendOptions = {
      method: settings.method,
      url: built.url,
      headers: built.headers,
      ...(built.body !== undefined ? { body: built.body } : {}),
      timeoutMs: settings.timeoutMs,
      maxResponseBytes: settings.maxResponseBytes,
      connectTimeoutMs: settings.connectTimeoutMs,
      ...(settings.followRedirects ? { maxRedirects: settings.maxRedirects } : {}),
      ...(built.credentialHeaders.length ? { credentialHeaders: built.credentialHeaders } : {}),
    };
    let response: HttpSendResult;
    try {
      response = await context.http.send(spec);
    } catch (error) {
      if (isStepFailure(error) && error.retry.retryable && !isSafeMethod(settings.method) && !settings.retryWritesOnTimeout && !neverReachedServer(error)) {
        // The write may have been handled although no answer came: sending it again could create a
        // second lead. The person decides (or opts in for receivers that honour the Idempotency-Key).
        throw new StepFailure(
          'write_outcome_unknown',
          `${error.message}. The request may have reached the server, so Provod did not send it again`,
          { ...where, ...asRecord(error.details), failure: error.code, input },
        );
      }
      throwWithInput(error, input, where);
    }

    const headers = lowerCaseNames(response.headers);
    const body = readResponseBody(response.body, headers['content-type']);
    const accepted = (response.status >= 200 && response.status < 300) || settings.acceptStatuses.includes(response.status);
    if (!accepted) {
      throw new StepFailure(
        'http_status',
        statusMessage(built.url, response.status, body.value),
        { ...where, status: response.status, headers, body: limitForHistory(body.value, body.text), input },
        statusRetry(response.status, headers, settings.retry),
      );
    }
    if (response.bodyIncomplete) {
      // The server accepted the write (2xx); only its answer is short. The step stands, and says so.
      const output: HttpRequestOutput = { status: response.status, headers, body: body.text, bodyIncomplete: response.bodyIncomplete };
      return { input, output, unresolved: built.unresolved };
    }
    if (body.invalidJson) {
      throw new StepFailure(
        'invalid_response_json',
        `The response said it is JSON but is not valid JSON: ${preview(body.text)}`,
        { ...where, status: response.status, headers, body: limitForHistory(body.text, body.text), input },
      );
    }
    if (body.tooDeep) {
      throw new StepFailure(
        'response_too_deep',
        `The response is JSON nested more than ${MAX_RESPONSE_DEPTH} levels deep, which Provod does not process: ${preview(body.text)}`,
        { ...where, status: response.status, headers, input },
      );
    }
    const output: HttpRequestOutput = { status: response.status, headers, body: body.value };
    return { input, output, unresolved: built.unresolved };
  }
}

/** 408, 429, 5xx and the statuses the user added are worth another try, when the server says so too. */
function statusRetry(status: number, headers: Record<string, string>, retry: HttpRetry): RetryHint {
  if (!isRetryableStatus(status, retry)) return { retryable: false };
  const asked = parseRetryAfterMs(headers['retry-after']);
  return asked === undefined ? { retryable: true } : { retryable: true, retryAfterMs: Math.min(asked, retry.maxDelayMs) };
}

function statusMessage(url: string, status: number, body: unknown): string {
  const reason = STATUS_CODES[status];
  const base = `The server ${hostOf(url)} answered ${status}${reason ? ` ${reason}` : ''}`;
  const said = remoteExplanation(body);
  return said ? `${base}: ${said}` : base;
}

/** APIs usually explain an error in one of a few fields; quoting it saves opening the details. */
function remoteExplanation(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const text = body.trim();
    return text && text.length <= 200 && !text.startsWith('<') ? text : undefined;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'error', 'detail', 'description']) {
    const value = record[key];
    if (typeof value === 'string' && value.trim()) return preview(value.trim());
    if (value && typeof value === 'object' && typeof (value as Record<string, unknown>).message === 'string') {
      return preview(String((value as Record<string, unknown>).message));
    }
  }
  return undefined;
}

function limitForHistory(value: unknown, text: string): unknown {
  if (text.length <= MAX_DETAIL_CHARS) return value;
  return `${text.slice(0, MAX_DETAIL_CHARS)}… (cut; ${text.length} characters in all)`;
}

function preview(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine;
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
