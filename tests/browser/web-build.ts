import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const webRoot = join(__dirname, '../../apps/web');
export const webDist = join(webRoot, 'dist');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the web app when dist/ is missing or older than its sources, so the browser sees the code under test. */
export function ensureWebBuild(): void {
  const index = join(webDist, 'index.html');
  const sources = [join(webRoot, 'src'), join(webRoot, 'index.html'), join(webRoot, 'vite.config.ts'), join(__dirname, '../../libs/contracts/src')];
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newest))) return;
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webRoot, stdio: 'inherit', env: process.env });
  if (result.status !== 0) throw new Error(`vite build failed with exit code ${result.status}`);
}
