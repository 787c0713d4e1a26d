// `npm test`: every tier, in order: types, lint, unit, repositories, integration, end-to-end, web
// components, browser, faults. The repository tier needs PostgreSQL, integration and later tiers
// PostgreSQL and Redis (see README); each run uses a fresh database.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const out = `${root}test-output`;
mkdirSync(out, { recursive: true });
let passed = 0;
let failed = 0;

function step(title, command, args, env = process.env) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status === 0;
}

// NestJS 12 and other dependencies ship as ES modules only; Jest's require() of them needs its
// vm-modules support (Node 24.9+).
const jestEnv = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ') };

function jestTier(title, projects, extra = []) {
  const file = `${out}/jest-${projects.join('-')}.json`;
  const ok = step(title, 'npx', ['jest', '--selectProjects', ...projects, '--runInBand', '--json', `--outputFile=${file}`, ...extra], jestEnv);
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    if (report.numTotalTests === 0) failed += 1;
  } catch {
    failed += 1;
  }
  return ok;
}

// Web component tests run under vitest (they need Vite's transforms); its JSON report has jest's counters.
function vitestTier(title, root) {
  const file = `${out}/vitest-web.json`;
  const ok = step(title, 'npx', ['vitest', 'run', '--root', root, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numTotalTests === 0) failed += 1;
  } catch {
    failed += 1;
  }
  return ok;
}

const tiers = [
  () => step('types (tsc -b)', 'npx', ['tsc', '-b', 'tsconfig.json']) || ((failed += 1), false),
  () => step('types (tests)', 'npx', ['tsc', '-p', 'tsconfig.spec.json']) || ((failed += 1), false),
  () => step('types (web)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']) || ((failed += 1), false),
  () => step('lint (eslint)', 'npx', ['eslint', '.', '--max-warnings=0']) || ((failed += 1), false),
  () => jestTier('unit', ['unit']),
  () => jestTier('repositories (PostgreSQL, real migrations)', ['repository']),
  () => jestTier('integration (PostgreSQL, Redis, BullMQ)', ['integration']),
  () => jestTier('end-to-end (API + worker + fake U-ON/Envybox)', ['e2e']),
  () => vitestTier('web components (vitest, jsdom)', 'apps/web'),
  () => jestTier('browser (web app in Chromium, API + worker + fake U-ON/Envybox)', ['browser']),
  // The short fault variants: kill -9, restarts and outages on a PostgreSQL and Redis of their own (never
  // the shared ones); `npm run test:faults` runs the long ones.
  () => jestTier('faults (own PostgreSQL + Redis, processes killed and restarted)', ['faults']),
];

let ok = true;
for (const tier of tiers) ok = tier() && ok;
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(ok && failed === 0 ? 0 : 1);
