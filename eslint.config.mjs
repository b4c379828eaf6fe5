import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const BETTER_SQLITE3 = {
  name: 'better-sqlite3',
  allowTypeImports: true,
  message:
    'Use RetainingDatabase from src/sqlite-driver.ts: plain better-sqlite3 12 statements abort Node 24 when garbage-collected.',
};
const OUTSIDE_SRC = {
  group: ['**/emulator/**', '**/test/**', '**/bench/**', '**/scripts/**'],
  message: 'src/ never imports the emulator, tests, benchmarks or scripts.',
};
const COLLECTOR_INTERNALS = {
  group: ['**/collector/*', '**/collector/**', '!**/collector/collector', '!**/collector/summary'],
  message:
    'Resources call the Collector port (collector/collector.ts) and read its summary type; nothing else of the collector.',
};
const SQL_HELPERS = {
  group: ['**/repositories/sql'],
  message: 'SQL lives in repositories/ and database: call a repository function that speaks the domain.',
};
const BUSINESS = {
  group: ['**/collector/**', '**/repositories/**', '**/resources/**', '**/app', '**/main'],
  message: 'observability/, models/ and database/ import no business module (docs: ARCHITECTURE "Never").',
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3] }],
    },
  },
  {
    // Small functions: a longer one is usually two things (docs/architecture.md).
    files: ['src/**/*.ts', 'emulator/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3], patterns: [OUTSIDE_SRC, SQL_HELPERS] }],
    },
  },
  {
    files: ['src/resources/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [BETTER_SQLITE3], patterns: [OUTSIDE_SRC, SQL_HELPERS, COLLECTOR_INTERNALS] },
      ],
    },
  },
  {
    files: ['src/repositories/**', 'src/database/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3], patterns: [OUTSIDE_SRC] }] },
  },
  {
    files: ['src/observability/**', 'src/models/**', 'src/database/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3], patterns: [OUTSIDE_SRC, BUSINESS] }],
    },
  },
  {
    files: ['src/resources/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [BETTER_SQLITE3],
          patterns: [
            OUTSIDE_SRC,
            {
              group: ['../../stream/*', '!../../stream/control'],
              message: 'Resources use the stream through src/stream/control.ts only (ARCHITECTURE "Never").',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sqlite-driver.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Response bodies from supertest and fetch are `any` by design; the tests assert their shape.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    // Plain CommonJS run by node itself (scripts/build-if-stale.js runs before anything is compiled).
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'test/**',
      'bench/**',
      'data/sample/**',
      'emulator/main.ts',
      'src/cli/collect.ts',
      'src/cli/stream.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
