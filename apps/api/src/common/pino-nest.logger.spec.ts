import pino from 'pino';
import { Writable } from 'node:stream';
import { PinoNestLogger } from './pino-nest.logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

describe('PinoNestLogger', () => {
  it('writes Nest messages with their context, errors with their stack, at the matching level', async () => {
    const { logger, lines } = capture();
    const sut = new PinoNestLogger(logger);
    sut.log('started', 'NestApplication');
    sut.warn('apps/web/dist not found', 'Web');
    sut.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    sut.error(new Error('bad'), 'ExceptionsHandler');
    sut.debug({ route: '/api/health' }, 'RouterExplorer');
    sut.error({ err: 'connection refused' }, 'webhook could not be stored', 'HooksService');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      [30, 'started', 'NestApplication'],
      [40, 'apps/web/dist not found', 'Web'],
      [50, 'boom', 'ExceptionsHandler'],
      [50, 'bad', 'ExceptionsHandler'],
      [20, undefined, 'RouterExplorer'],
      [50, 'webhook could not be stored', 'HooksService'],
    ]);
    expect(lines[5]!.err).toBe('connection refused');
    expect(lines[2]!.stack).toContain('Error: boom');
    expect((lines[3]!.err as { stack: string }).stack).toContain('bad');
    expect(lines[4]!.route).toBe('/api/health');
  });
});
