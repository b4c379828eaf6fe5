import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const BETTER_SQLITE3 = {
  name: 'better-sqlite3',
  allowTypeImports: true,
  message:
    'Use RetainingDatabase from src/sqlite-driver.ts: plain better-sqlite3 12 statements abort Node 24 when garbage-collected.',
};
/** The modules of src/ above the low-level ones (observability/, models/, database/, geo/, tags.ts...). */
const BUSINESS = [
  ...['app', 'service', 'main', 'cli', 'collector', 'stream', 'x', 'posts', 'repositories'],
  ...['resources', 'live', 'events', 'notifications'],
];
const businessBut = (...kept) => BUSINESS.filter((module) => !kept.includes(module));

/**
 * The arrows docs/architecture.md forbids ("Never"), as data: no file of the `from` folders of src/
 * (every folder and src/ itself when '*', but `notFrom`) imports a `to` module of src/ (a folder or
 * a file, without `.ts`; `../` leaves src/), unless it is one of `except`. Each becomes a pattern in
 * the one no-restricted-imports list of each block it applies to: a later block's list replaces an
 * earlier one, so every file of src/ is in exactly one block.
 */
const NEVER = [
  {
    from: '*',
    to: ['../emulator', '../test', '../bench', '../scripts'],
    message: 'src/ never imports the emulator, tests, benchmarks or scripts.',
  },
  {
    from: '*',
    notFrom: ['repositories', 'database'],
    to: ['repositories/sql'],
    message: 'SQL lives in repositories/ and database/: call a repository function that speaks the domain.',
  },
  {
    from: ['observability', 'models', 'database', 'geo'],
    to: BUSINESS,
    message: 'observability/, models/, database/ and geo/ are low-level: they import no business module.',
  },
  {
    from: ['repositories'],
    // notifications/ left out: the writer announces its commits through it.
    to: businessBut('repositories', 'notifications'),
    message: 'repositories/ speak domain rows to the flows; they import none of them.',
  },
  {
    from: ['resources'],
    to: ['collector'],
    except: ['collector/collector', 'collector/summary'],
    message:
      'Resources call the Collector port (collector/collector.ts) and read its summary type; nothing else.',
  },
  {
    from: ['resources'],
    to: ['stream'],
    except: ['stream/control'],
    message: 'Resources use the stream through stream/control.ts only.',
  },
  {
    from: ['live'],
    to: ['resources', 'events'],
    message:
      'live/ and events/ import neither resources/ nor each other: their post entry is posts/entry.ts.',
  },
  {
    from: ['events'],
    to: ['resources', 'live'],
    message:
      'live/ and events/ import neither resources/ nor each other: their post entry is posts/entry.ts.',
  },
  {
    from: ['stream'],
    to: ['collector'],
    message: 'stream/ and collector/ never import each other: what they share is x/ and lease-holder.ts.',
  },
  {
    from: ['collector'],
    to: ['stream'],
    message: 'stream/ and collector/ never import each other: what they share is x/ and lease-holder.ts.',
  },
  {
    from: ['x'],
    to: businessBut('x', 'repositories'),
    message: "x/ is X's API as this service reads it: it knows nothing of who uses it.",
  },
  {
    from: ['posts'],
    to: businessBut('posts', 'repositories'),
    message: 'posts/ maps stored posts for resources/, live/ and events/: it imports none of them.',
  },
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a file `depth` folders below src/ spells an import of `module` (relative to src/). */
const specifier = (depth, module) =>
  depth > 0 ? '../'.repeat(depth) + module : module.startsWith('../') ? module : `./${module}`;

/** The arrow as a pattern for files at this depth: exact, so resources/stream/ is not src/stream/. */
function patternOf(depth, { to, except = [], message }) {
  const spelt = (modules) => modules.map((module) => escape(specifier(depth, module))).join('|');
  const unless = except.length > 0 ? `(?!(?:${spelt(except)})$)` : '';
  return {
    regex: `^${unless}(?:${spelt(to)})(?:/|$)`,
    message: `${message} See docs/architecture.md, "Never".`,
  };
}

const appliesTo = (folder) => (arrow) =>
  (arrow.from === '*' || arrow.from.includes(folder)) && !arrow.notFrom?.includes(folder);

const restrictedImports = (folder, depth, paths) => [
  'error',
  { paths, patterns: NEVER.filter(appliesTo(folder)).map((arrow) => patternOf(depth, arrow)) },
];

/** Each folder of src/ with the depths its .ts files lie at, read at load: a new folder is covered. */
function folderDepths() {
  const src = join(import.meta.dirname, 'src');
  const depths = new Map();
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const folders = relative(src, entry.parentPath).split(sep).filter(Boolean);
    if (folders.length === 0) continue;
    depths.set(folders[0], new Set(depths.get(folders[0])).add(folders.length));
  }
  return depths;
}

/** One block per folder of src/ and depth below it (the depth spells the imports), and src/ itself. */
const BOUNDARIES = [
  {
    files: ['src/*.ts'],
    ignores: ['src/sqlite-driver.ts'],
    rules: { 'no-restricted-imports': restrictedImports('.', 0, [BETTER_SQLITE3]) },
  },
  // The one module that may import better-sqlite3.
  { files: ['src/sqlite-driver.ts'], rules: { 'no-restricted-imports': restrictedImports('.', 0, []) } },
  ...[...folderDepths()].flatMap(([folder, depths]) =>
    [...depths].map((depth) => ({
      files: [`src/${folder}/${'*/'.repeat(depth - 1)}*.ts`],
      rules: { 'no-restricted-imports': restrictedImports(folder, depth, [BETTER_SQLITE3]) },
    })),
  ),
];

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
  ...BOUNDARIES,
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
