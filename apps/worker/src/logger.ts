import pino, { type Logger } from 'pino';

export const LOGGER = Symbol('LOGGER');
export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'worker' } });
}
