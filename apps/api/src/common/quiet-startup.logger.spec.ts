import type { LoggerService } from '@nestjs/common';
import { QuietStartupLogger } from './quiet-startup.logger';

function recorder() {
  const lines: Array<[string, unknown[]]> = [];
  const record = (level: string) => (...args: unknown[]) => void lines.push([level, args]);
  const inner: LoggerService = { log: record('info'), error: record('error'), warn: record('warn'), debug: record('debug'), verbose: record('verbose') };
  return { inner, lines };
}

describe('QuietStartupLogger', () => {
  it("moves Nest's start-up announcements to debug and lets everything else through", () => {
    const { inner, lines } = recorder();
    const sut = new QuietStartupLogger(inner);
    sut.log('Mapped {/api/health, GET} route', 'RouterExplorer');
    sut.log('AppModule dependencies initialized', 'InstanceLoader');
    sut.log('owner account created from ADMIN_EMAIL', 'AuthService');
    sut.warn('something odd', 'HooksService');
    sut.error('it broke', 'stack', 'HooksService');
    expect(lines.map(([level, args]) => [level, args[0]])).toEqual([
      ['debug', 'Mapped {/api/health, GET} route'],
      ['debug', 'AppModule dependencies initialized'],
      ['info', 'owner account created from ADMIN_EMAIL'],
      ['warn', 'something odd'],
      ['error', 'it broke'],
    ]);
  });
});
