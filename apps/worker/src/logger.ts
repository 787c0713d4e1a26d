import { logDestination, throttleRepeatedLogs } from '@provod/data';
import pino, { type Logger, type LoggerOptions } from 'pino';

export const LOGGER = Symbol('LOGGER');
export type { Logger };

/**
 * Structured JSON logs. During an outage every operation hits the same wall, so identical warnings
 * and errors within `repeatWindowMs` are written once and then summed up in one line per window.
 */
export function createLogger(level: string, file?: string, repeatWindowMs = 10_000, format: 'auto' | 'json' | 'pretty' = 'auto'): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'worker' },
    ...(repeatWindowMs > 0 ? { hooks: { logMethod: throttleRepeatedLogs(repeatWindowMs) as NonNullable<LoggerOptions['hooks']>['logMethod'] } } : {}),
  };
  const destination = logDestination(file, format);
  return destination ? pino(options, destination) : pino(options);
}
