import { logDestination, throttleRepeatedLogs, type ProvodConfig } from '@provod/data';
import { maskText } from '@provod/engine';
import type { IncomingMessage } from 'node:http';
import { hostname } from 'node:os';
import pino from 'pino';
import type { Options } from 'pino-http';

/**
 * A webhook URL is a credential (whoever knows it can post events) and query strings may carry
 * keys, so request lines are logged with the token shortened and the query masked.
 */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const [path, query] = url.split('?', 2);
  const shortened = (path ?? '').replace(/^\/hooks\/([^/]{4})[^/]*/, '/hooks/$1…');
  return query === undefined ? shortened : `${shortened}?${maskText(`?${query}`, []).slice(1)}`;
}

export function pinoOptions(config: ProvodConfig): Options | [Options, pino.DestinationStream] {
  const options: Options = {
    level: config.LOG_LEVEL,
    // Session and CSRF tokens travel in Cookie/Set-Cookie and X-CSRF-Token: a logged token is a
    // signed-in session for whoever reads the log.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'res.headers["x-csrf-token"]',
      ],
      censor: '••••••',
    },
    serializers: {
      req: (req: IncomingMessage & { id?: unknown }) => ({ id: req.id, method: req.method, url: safeUrl(req.url) }),
    },
    // On the root logger rather than customProps, which builds a second child logger per request.
    base: { pid: process.pid, hostname: hostname(), service: 'api' },
    autoLogging: { ignore: (req) => req.url === '/api/health' },
    // During an outage every webhook gets the same 503: one line, then a count per window.
    ...(config.LOG_REPEAT_WINDOW_MS > 0
      ? { hooks: { logMethod: throttleRepeatedLogs(config.LOG_REPEAT_WINDOW_MS) as NonNullable<Options['hooks']>['logMethod'] } }
      : {}),
  };
  const destination = logDestination(config.LOG_FILE, config.LOG_FORMAT);
  return destination ? [options, destination] : options;
}
