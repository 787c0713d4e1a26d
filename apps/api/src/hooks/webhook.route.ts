import { HttpException, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { TooManyRequests } from '../common/too-many-requests';
import type { ApiMetrics } from '../metrics/api-metrics';
import { STORAGE_RETRY_AFTER_SECONDS, type HooksService, type WebhookAck } from './hooks.service';

/** Response headers every webhook answer carries: computed once, set with a loop. */
export type StaticHeaders = ReadonlyArray<readonly [name: string, value: string]>;

const TOKEN_PATH = /^\/([^/]+)\/?$/;
const logger = new Logger('Webhooks');

/**
 * `/hooks/:token`, where U-ON and other senders deliver events, answered straight from Express. A
 * webhook needs no session, cookies, router, guards, interceptors or observables: in front of it
 * they cost the API more than storing the event (profiled: Nest, the router and rxjs were half of
 * the API's CPU per event). It runs after the request log and the raw-body reader, with the same
 * security headers as every other answer. Any other path under /hooks goes on to Nest (a 404).
 */
export function webhookRoute(hooks: HooksService, metrics: ApiMetrics, securityHeaders: StaticHeaders): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const match = TOKEN_PATH.exec(req.path);
    const token = match ? decodedSegment(match[1]) : null;
    if (token === null) return next();
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    const queryAt = req.originalUrl.indexOf('?');
    hooks
      .receive(
        token,
        {
          method: req.method,
          rawQuery: queryAt >= 0 ? req.originalUrl.slice(queryAt + 1) : '',
          headers: req.headers,
          body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        },
        req.ip ?? 'unknown',
      )
      .then(
        (ack) => acknowledge(req, res, metrics, ack),
        (error: unknown) => refuse(res, metrics, error),
      )
      .catch((error: unknown) => {
        // Only a broken socket gets here; the sender sees the connection end and retries.
        logger.error({ err: (error as Error).message }, 'could not answer a webhook');
      });
  };
}

function acknowledge(req: Request, res: Response, metrics: ApiMetrics, ack: WebhookAck): void {
  // The request's log line then names the operation it created.
  (req as Request & { log?: { setBindings?: (b: object) => void } }).log?.setBindings?.({ operationId: ack.operationId });
  metrics.webhooks.inc({ result: ack.status === 'held' || ack.status === 'duplicate' ? ack.status : 'stored', status: '200' });
  sendJson(res, 200, ack);
}

/** The answers Nest gave the same errors: the exception's own body, with Retry-After where it says when. */
function refuse(res: Response, metrics: ApiMetrics, error: unknown): void {
  if (!(error instanceof HttpException)) {
    logger.error({ err: (error as Error).message }, 'webhook failed');
    metrics.webhooks.inc({ result: 'refused', status: '500' });
    return sendJson(res, 500, { statusCode: 500, message: 'Internal server error' });
  }
  const status = error.getStatus();
  metrics.webhooks.inc({ result: 'refused', status: String(status) });
  if (error instanceof TooManyRequests) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
  else if (error instanceof ServiceUnavailableException) res.setHeader('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
  const body = error.getResponse();
  sendJson(res, status, typeof body === 'string' ? { statusCode: status, message: body } : body);
}

function sendJson(res: Response, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** A path segment as Express decodes route parameters; a broken %-escape is left to Nest's 404. */
function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * The headers a header-only middleware (helmet) sets, read once from a recording response: its
 * values do not depend on the request, and running it per webhook cost a twentieth of the API.
 */
export function headersSetBy(middleware: RequestHandler): StaticHeaders {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => headers.set(name, Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let called = false;
  middleware({ headers: {}, method: 'GET', url: '/' } as Request, recorder as unknown as Response, () => (called = true));
  if (!called) throw new Error('the security headers middleware did not finish synchronously');
  return [...headers];
}
