import { spawnSync } from 'node:child_process';
import { provodRoot } from './provod-root';

/**
 * The fault suite runs the API and worker as production does, from their build; build them from the
 * sources under test first. It needs no shared service: each file starts its own PostgreSQL and Redis.
 */
export default function globalSetup(): void {
  const build = spawnSync('npx', ['tsc', '-b', 'apps/api/tsconfig.app.json', 'apps/worker/tsconfig.app.json'], { cwd: provodRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the API and worker in ${provodRoot} for the fault suite failed`);
}
