import { spawn } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` is the newcomer's first contact: when something is missing it must say what to do.
 * These run the real script with nothing listening on the ports it probes, and a PATH that has
 * no redis-server, so neither the shared services nor the build are touched.
 */
const root = join(__dirname, '../..');

function runStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PROVOD_SKIP_BUILD: '1', ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start when something is missing', () => {
  it('refuses the embedded PostgreSQL in production unless told, and says why', async () => {
    const { code, output } = await runStart({ NODE_ENV: 'production', LOCAL_POSTGRES_PORT: '1' });
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL');
    expect(output).toContain('PROVOD_EMBEDDED_OK=1');
  });

  it('names the command that installs Redis and the docker alternative', async () => {
    // A PATH with only the shell: `command -v redis-server` finds nothing.
    const bin = mkdtempSync(join(tmpdir(), 'provod-path-'));
    symlinkSync('/bin/sh', join(bin, 'sh'));
    const { code, output } = await runStart({ PATH: bin, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x', LOCAL_REDIS_PORT: '1' });
    expect(code).toBe(1);
    expect(output).toMatch(/redis-server is not installed/);
    expect(output).toMatch(/apt-get install -y redis-server|dnf install -y redis|brew install redis/);
    expect(output).toContain('docker');
  });
});
