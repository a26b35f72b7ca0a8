// One jest run, four projects: fast unit specs beside the code, end-to-end suites on a real PostgreSQL, the slow
// suites that start whole API processes, and the admin UI walked in headless Chromium.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] };
const moduleNameMapper = {
  '^@policy-cms/temporal$': '<rootDir>/libs/temporal/src/index.ts',
  '^@policy-cms/kinds$': '<rootDir>/libs/kinds/src/index.ts',
  '^@policy-cms/canonical-json$': '<rootDir>/libs/canonical-json/src/index.ts',
  '^@policy-cms/database$': '<rootDir>/libs/database/src/index.ts',
  '^@policy-cms/policy$': '<rootDir>/libs/policy/src/index.ts',
  '^@policy-cms/common$': '<rootDir>/libs/common/src/index.ts',
  '^@policy-cms/contract$': '<rootDir>/libs/contract/src/index.ts',
  '^@policy-cms/migrations$': '<rootDir>/migrations/index.ts',
  '^@policy-cms/audit$': '<rootDir>/libs/audit/src/index.ts',
  '^@policy-cms/workflow$': '<rootDir>/libs/workflow/src/index.ts',
  '^@policy-cms/identity$': '<rootDir>/libs/identity/src/index.ts',
};
const common = { rootDir: __dirname, transform, moduleNameMapper, testEnvironment: 'node' };
const e2e = {
  ...common,
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/test/setup/per-file.ts'],
};
/** The end-to-end suites that start the real entry point as processes of their own. */
const PROCESS_SUITES = [
  '/test/embedded-postgres.e2e-spec.ts',
  '/test/instances.e2e-spec.ts',
  '/test/read-model.instances.e2e-spec.ts',
  '/test/replicas.e2e-spec.ts',
  '/test/webhooks-hostile.e2e-spec.ts',
];

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...e2e,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/test/browser/', ...PROCESS_SUITES],
    },
    // Suites that start whole API processes (slow: tens of seconds each), kept apart so that `npm run test:e2e` stays
    // quick; `npm test` runs them too. Jest runs the shared global setup once for both projects.
    { ...e2e, displayName: 'processes', testMatch: PROCESS_SUITES.map((suite) => `<rootDir>${suite}`) },
    // The admin UI in headless Chromium (Debian's chromium, driven by playwright-core): minutes, not seconds.
    { ...e2e, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.e2e-spec.ts'] },
  ],
};
