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
const BUSINESS = {
  group: ['**/collector/**', '**/repositories/**', '**/resources/**', '**/app', '**/main'],
  message: 'observability/, models/ and database/ import no business module (docs: ARCHITECTURE "Never").',
};

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [BETTER_SQLITE3], patterns: [OUTSIDE_SRC] }] },
  },
  {
    files: ['src/observability/**', 'src/models/**', 'src/database/**', 'src/database.ts'],
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
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
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
