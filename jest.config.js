const base = {
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
};

const sqlite = {
  ...base,
  displayName: 'sqlite',
  // PostgreSQL's own behaviour (its outages, its replicas): the second pass only. The image and the
  // stack in containers: their own step (jest.containers.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/postgres/', '<rootDir>/test/container/'],
};

/**
 * The second pass: every component test that stores data, again on PostgreSQL (each test file in its
 * own database, created and dropped by test/helpers/database.ts). Left out: tests of SQLite itself
 * (its locks, its driver, its query plans) and tests that store nothing.
 */
const postgres = {
  ...base,
  displayName: 'postgres',
  testMatch: [
    '<rootDir>/test/{api,collector,stream,live,models,process,contract,postgres,events}/**/*.test.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // SQLite's write lock held by another process, and the memory of its read cache in a process
    '<rootDir>/test/process/locked-database.test.ts',
    '<rootDir>/test/process/read-cache-memory.test.ts',
    '<rootDir>/test/api/database-busy.test.ts',
    '<rootDir>/test/api/read-isolation.test.ts',
    // the page in a browser and Swagger UI: the database adds nothing there
    '<rootDir>/test/live/live-page-browser.test.ts',
    '<rootDir>/test/contract/swagger-ui-browser.test.ts',
    '<rootDir>/test/contract/openapi.test.ts',
    '<rootDir>/test/contract/spec-helper.test.ts',
    // the events, their AsyncAPI document and `npm run consume`: no database
    '<rootDir>/test/events/(asyncapi|consumer|consume-restart).test.ts',
    // the process's own behaviour (signals, ports, the build, memory): the same on either database
    '<rootDir>/test/process/(crash|listen|npm-start|shutdown-hang|time-zone-memory).test.ts',
  ],
  setupFiles: ['<rootDir>/test/postgres-project.ts'],
};

/**
 * Whether the PostgreSQL server the tests create their databases on answers (a synchronous probe in a
 * child process: Jest reads this file synchronously). Absent, the second pass is left out with a
 * visible warning, except under CI=true, where its tests run and fail.
 */
function postgresAnswers() {
  const url = new (require('node:url').URL)(
    process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  );
  const probe = `require('node:net').connect(${Number(url.port || 5432)}, ${JSON.stringify(url.hostname)})
    .on('connect', () => process.exit(0)).on('error', () => process.exit(1)).setTimeout(2000, () => process.exit(1));`;
  return require('node:child_process').spawnSync(process.execPath, ['-e', probe]).status === 0;
}

const withPostgres = process.env.CI === 'true' || postgresAnswers();
if (!withPostgres)
  process.stderr.write(
    '\n  SKIPPED: the PostgreSQL pass of the component tests (nothing answers at TEST_POSTGRES_URL, default 127.0.0.1:5432)\n\n',
  );

/** @type {import('jest').Config} */
module.exports = {
  projects: withPostgres ? [sqlite, postgres] : [sqlite],
  // Builds the live page (web/ -> dist/web) that the app serves at /.
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 30000,
  // Each test file builds its own app and database; two workers match our 2-core machines.
  maxWorkers: 2,
};
