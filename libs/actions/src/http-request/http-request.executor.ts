import { STATUS_CODES } from 'node:http';
import type { ActionOf, HttpRequestOutput } from '@provod/contracts';
import {
  type ActionExecutor,
  type ExecutionContext,
  isStepFailure,
  type StepOutcome,
  StepFailure,
} from '@provod/engine';
import { buildRequest } from './http-request.builder';
import { hostOf } from './network-failure';
import { readResponseBody } from './response-body.reader';

export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Error details land in the history; a multi-megabyte error page is cut to this many characters. */
const MAX_DETAIL_CHARS = 64 * 1024;

export class HttpRequestExecutor implements ActionExecutor<'http_request'> {
  async execute(action: ActionOf<'http_request'>, context: ExecutionContext): Promise<StepOutcome> {
    const settings = action.settings;
    const built = buildRequest(settings, context.scope);
    const { input } = built;

    let response;
    try {
      response = await context.http.send({
        method: settings.method,
        url: built.url,
        headers: built.headers,
        ...(built.body !== undefined ? { body: built.body } : {}),
        timeoutMs: settings.timeoutMs,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
    } catch (error) {
      if (!isStepFailure(error)) throw error;
      throw new StepFailure(error.code, error.message, { ...asRecord(error.details), input });
    }

    const headers = lowerCaseNames(response.headers);
    const body = readResponseBody(response.body, headers['content-type']);
    const accepted = (response.status >= 200 && response.status < 300) || (settings.acceptStatuses ?? []).includes(response.status);
    if (!accepted) {
      throw new StepFailure('http_status', statusMessage(built.url, response.status, body.value), {
        status: response.status,
        headers,
        body: limitForHistory(body.value, body.text),
        input,
      });
    }
    if (body.invalidJson) {
      throw new StepFailure(
        'invalid_json',
        `The response said it is JSON but is not valid JSON: ${preview(body.text)}`,
        { status: response.status, headers, body: limitForHistory(body.text, body.text), input },
      );
    }
    const output: HttpRequestOutput = { status: response.status, headers, body: body.value };
    return { input, output, unresolved: built.unresolved };
  }
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
