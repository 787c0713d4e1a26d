import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { logDestination } from './log-destination';

describe('logDestination', () => {
  it('writes JSON lines to LOG_FILE whatever the format', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'provod-log-')), 'provod.log');
    const destination = logDestination(file, 'pretty')!;
    pino(destination).info({ operationId: 'op-1' }, 'stored');
    const line = JSON.parse(readFileSync(file, 'utf8').trim()) as { msg: string; operationId: string };
    expect(line).toMatchObject({ msg: 'stored', operationId: 'op-1' });
  });

  it('leaves standard output as JSON when asked or when no terminal watches, and readable when asked', () => {
    expect(logDestination(undefined, 'json')).toBeUndefined();
    const tty = process.stdout.isTTY;
    try {
      process.stdout.isTTY = false;
      expect(logDestination(undefined, 'auto')).toBeUndefined();
      process.stdout.isTTY = true;
      expect(logDestination(undefined, 'auto')).toBeDefined();
    } finally {
      process.stdout.isTTY = tty;
    }
    const pretty = logDestination(undefined, 'pretty');
    expect(pretty).toBeDefined();
    expect(typeof pretty!.write).toBe('function');
  });
});
