import pino, { type Logger } from 'pino';

export const LOGGER = Symbol('LOGGER');
export type { Logger };

export function createLogger(level: string, file?: string): Logger {
  const options = { level, base: { service: 'worker' } };
  return file ? pino(options, pino.destination({ dest: file, sync: true, append: true })) : pino(options);
}
