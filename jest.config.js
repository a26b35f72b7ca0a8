// One jest run, two projects: fast unit specs beside the code, and end-to-end suites on a real PostgreSQL.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] };
const moduleNameMapper = {
  '^@policy-cms/temporal$': '<rootDir>/libs/temporal/src/index.ts',
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

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside a project.
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/per-file.ts'],
    },
  ],
};
