import type { HttpPort, HttpRequestSpec, HttpResponseData } from '@provod/engine';
import { StepFailure } from '@provod/engine';
import { type Dispatcher, request } from 'undici';
import { hostOf, networkFailure } from './network-failure';

type Method = Dispatcher.HttpMethod;

/**
 * The real HttpPort. Redirects are not followed: a 3xx comes back as it is, so a processing never
 * ends up sending its data (and secrets in the URL) somewhere the user did not write.
 */
export class UndiciHttpClient implements HttpPort {
  constructor(private readonly dispatcher?: Dispatcher) {}

  async send(spec: HttpRequestSpec): Promise<HttpResponseData> {
    // One deadline for the whole exchange; undici's own timeouts only watch the gaps between bytes.
    const signal = AbortSignal.timeout(spec.timeoutMs);
    try {
      const response = await request(spec.url, {
        method: spec.method as Method,
        headers: spec.headers,
        body: spec.body,
        signal,
        headersTimeout: spec.timeoutMs,
        bodyTimeout: spec.timeoutMs,
        ...(this.dispatcher ? { dispatcher: this.dispatcher } : {}),
      });
      const headers = flattenHeaders(response.headers);
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > spec.maxResponseBytes) {
        discard(response.body);
        throw tooLarge(spec);
      }
      const body = await readLimited(response.body, spec);
      return { status: response.statusCode, headers, body };
    } catch (error) {
      if (error instanceof StepFailure) throw error;
      // An aborted signal carries the reason (a TimeoutError) rather than the error undici raised.
      throw networkFailure(signal.aborted ? signal.reason : error, spec.url, spec.timeoutMs) ?? error;
    }
  }
}

interface BodyStream extends AsyncIterable<Buffer> {
  on(event: 'error', listener: () => void): unknown;
  destroy(): unknown;
}

/** Drops a body we will not read; the abort error that follows is expected, not a fault. */
function discard(stream: BodyStream): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

async function readLimited(stream: BodyStream, spec: HttpRequestSpec): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > spec.maxResponseBytes) {
      discard(stream);
      throw tooLarge(spec);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(spec: HttpRequestSpec): StepFailure {
  const mb = Math.round((spec.maxResponseBytes / (1024 * 1024)) * 10) / 10;
  return new StepFailure(
    'response_too_large',
    `The answer from ${hostOf(spec.url)} is larger than ${mb} MB and was not read`,
    { limitBytes: spec.maxResponseBytes },
  );
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
