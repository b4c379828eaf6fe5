/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // Builds the live page (web/ -> dist/web) that the app serves at /.
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  // Each test file builds its own app and database; two workers match our 2-core machines.
  maxWorkers: 2,
};
