import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/**
 * Where a process writes its logs: LOG_FILE if set; otherwise standard output, as readable lines
 * when a person watches it in a terminal and as JSON lines when a collector reads it
 * (LOG_FORMAT=json or pretty forces either).
 */
export function logDestination(file: string | undefined, format: 'auto' | 'json' | 'pretty' = 'auto'): DestinationStream | undefined {
  if (file) return pino.destination({ dest: file, sync: true, append: true });
  const readable = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true);
  return readable ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true, sync: true }) : undefined;
}
