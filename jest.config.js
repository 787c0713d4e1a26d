// Tiers: unit specs beside the code (no services), repository specs against the real PostgreSQL,
// integration specs against the real PostgreSQL and Redis, end-to-end specs that drive the whole
// platform over HTTP, browser specs in Chromium, and fault specs that break processes and services.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@provod/migrations$': '<rootDir>/migrations/index.ts',
    '^@provod/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/{api,worker}/**/*.spec.ts'] },
    {
      // Each repository of libs/data against the real PostgreSQL with the real migrations: its SQL,
      // edge cases and the result shapes TypeORM hands back. No Nest, no Redis.
      ...shared,
      displayName: 'repository',
      testMatch: ['<rootDir>/tests/repository/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.spec.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // The web app in real Chromium against the real platform: `npm test` runs it as its own tier.
      ...shared,
      displayName: 'browser',
      testMatch: ['<rootDir>/tests/browser/**/*.browser.ts'],
      testTimeout: 300_000,
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
    {
      // Real processes killed and real services stopped: each file starts its own PostgreSQL and Redis
      // (never the shared ones). FAULTS_LONG=1 (`npm run test:faults`) runs the long variants.
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/tests/faults/**/*.fault.ts'],
      testTimeout: 1_800_000,
      globalSetup: '<rootDir>/tests/faults/support/global-setup.ts',
    },
  ],
};
