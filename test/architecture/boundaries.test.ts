import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LintedText } from './lint-text';

const root = join(__dirname, '../..');
const FIXTURE = 'boundary-fixture.ts';
const run = promisify(execFile);

/** A file that draws one arrow of docs/architecture.md's "Never" table, and what must refuse it. */
interface PackageJson {
  scripts: Record<string, string>;
}

interface Drawn {
  /** the row, word for word */
  row: string;
  /** the folder the file is linted in */
  folder: string;
  code: string;
  rule: string;
  /** a part of the message that names the arrow */
  says: string;
}

const longFunction = ['export function long(): number {', '  let total = 0;']
  .concat(
    Array.from({ length: 60 }, () => '  total += 1;'),
    ['  return total;', '}'],
  )
  .join('\n');
const later = 'const later = (): Promise<void> => Promise.resolve();\n';

const LOW_LEVEL = '`observability/`, `models/`, `database/`, `geo/` import a business module';
const OUTSIDE = '`src/` imports `emulator/`, `test/`, `bench/` or `scripts/`';
const SQL = 'SQL helpers (`repositories/sql.ts`) used outside `repositories/` and `database/`';
const LIVE_EVENTS = '`live/` or `events/` import `resources/` or each other';
const COLLECTOR_STREAM = '`collector/` and `stream/` import each other';
const PROMISE = 'a floating or misused promise';

const DRAWN: Drawn[] = [
  ...['observability', 'models', 'database', 'geo'].map((folder) => ({
    row: LOW_LEVEL,
    folder,
    code: `import '../${folder === 'geo' ? 'live/hub' : 'stream/control'}';\n`,
    rule: 'no-restricted-imports',
    says: 'import no business module',
  })),
  ...['live', 'stream/sources'].map((folder) => ({
    row: OUTSIDE,
    folder,
    code: `import '${folder === 'live' ? '..' : '../..'}/../test/helpers/app';\n`,
    rule: 'no-restricted-imports',
    says: 'never imports the emulator, tests',
  })),
  ...['resources/tweets', 'stream', 'events', 'cli'].map((folder) => ({
    row: SQL,
    folder,
    code: `import '${folder.includes('/') ? '../..' : '..'}/repositories/sql';\n`,
    rule: 'no-restricted-imports',
    says: 'SQL lives in repositories/',
  })),
  {
    row: '`repositories/` import a flow: collector, stream, resources, live, events, `x/`, `posts/`, the composition',
    folder: 'repositories',
    code: "import '../events/changes';\n",
    rule: 'no-restricted-imports',
    says: 'repositories/ speak domain rows',
  },
  {
    row: 'a resource imports collector internals (it calls the `Collector` port)',
    folder: 'resources/database',
    code: "import '../../collector/scheduler';\n",
    rule: 'no-restricted-imports',
    says: 'Resources call the Collector port',
  },
  {
    row: 'a resource imports stream internals (it calls `stream/control.ts`)',
    folder: 'resources/stream',
    code: "import '../../stream/runner';\n",
    rule: 'no-restricted-imports',
    says: 'through stream/control.ts only',
  },
  ...[
    ['live', "import '../resources/tweets/schemas';\n"],
    ['live', "import '../events/subjects';\n"],
    ['events', "import '../live/frames';\n"],
  ].map(([folder, code]) => ({
    row: LIVE_EVENTS,
    folder: folder!,
    code: code!,
    rule: 'no-restricted-imports',
    says: 'their post entry is posts/entry.ts',
  })),
  ...[
    ['stream/sources', "import '../../collector/leader-lease';\n"],
    ['collector', "import '../stream/control';\n"],
  ].map(([folder, code]) => ({
    row: COLLECTOR_STREAM,
    folder: folder!,
    code: code!,
    rule: 'no-restricted-imports',
    says: 'what they share is x/ and lease-holder.ts',
  })),
  {
    row: "`x/` imports a module that uses it (X's API knows nothing of its readers)",
    folder: 'x',
    code: "import '../collector/collector';\n",
    rule: 'no-restricted-imports',
    says: 'knows nothing of who uses it',
  },
  {
    row: '`posts/` imports `resources/`, `live/`, `events/` or another module that uses it',
    folder: 'posts',
    code: "import '../resources/tweets/schemas';\n",
    rule: 'no-restricted-imports',
    says: 'it imports none of them',
  },
  {
    row: 'better-sqlite3 imported anywhere but `sqlite-driver.ts`',
    folder: 'repositories',
    code: "import 'better-sqlite3';\n",
    rule: 'no-restricted-imports',
    says: 'Use RetainingDatabase',
  },
  {
    row: 'a function over 60 lines in `src/`, `emulator/`, `scripts/`',
    folder: 'collector',
    code: `${longFunction}\n`,
    rule: 'max-lines-per-function',
    says: 'Maximum allowed is 60',
  },
  {
    row: PROMISE,
    folder: 'live',
    code: `${later}export function start(): void {\n  later();\n}\n`,
    rule: '@typescript-eslint/no-floating-promises',
    says: 'Promises must be awaited',
  },
  {
    row: PROMISE,
    folder: 'events',
    code: `${later}export const each = (items: string[]): void => items.forEach(later);\n`,
    rule: '@typescript-eslint/no-misused-promises',
    says: 'where a void return was expected',
  },
];

/** For every folder of src/ (`.` is src/ itself), imports it may make: none is refused. */
const ALLOWED: Record<string, string[]> = {
  '.': ['./config', './service'],
  cli: ['../service', '../stream/control'],
  collector: ['../x/normalise', '../lease-holder', '../repositories/post-writer'],
  'collector/sources': ['../../x/corpus', '../../x/client'],
  config: ['../tags', '../database'],
  database: ['../models', '../sqlite-driver'],
  events: ['../posts/entry', '../repositories/outbox', '../notifications/posts-stored'],
  geo: ['./parts', '../tags'],
  live: ['../posts/wire', '../repositories/post-events'],
  models: ['../geo/country'],
  notifications: ['../backoff'],
  observability: ['../backoff'],
  posts: ['../repositories/tweet-reader', '../geo/country'],
  repositories: ['../models', '../database'],
  // resources/stream/ is not src/stream/, nor resources/live/ src/live/
  'resources/live': [
    '../stream/schemas',
    '../../stream/control',
    '../../collector/collector',
    '../../live/hub',
  ],
  resources: ['../collector/summary', '../repositories/read-cache'],
  stream: ['../x/wire', '../lease-holder', '../repositories/stream-runs'],
  'stream/sources': ['../../x/client', '../../x/corpus'],
  types: ['../tags'],
  x: ['../geo/country', '../repositories/post-writer', '../observability/metrics'],
};

const fileIn = (folder: string) => (folder === '.' ? `src/${FIXTURE}` : `src/${folder}/${FIXTURE}`);
const imports = (modules: string[]) => modules.map((module) => `import '${module}';\n`).join('');

/** Lints the texts in a child process: ESLint loads its config as an ES module, which Jest cannot. */
async function lint(texts: { filePath: string; code: string }[]): Promise<LintedText[]> {
  const linting = run(join(root, 'node_modules/.bin/tsx'), ['test/architecture/lint-text.ts'], { cwd: root });
  linting.child.stdin!.end(JSON.stringify(texts));
  return JSON.parse((await linting).stdout) as LintedText[];
}

/** The rows of docs/architecture.md's "Never" table: [arrow, enforced by]. */
function neverRows(): string[][] {
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const table = doc.slice(doc.indexOf('## Never')).split(/\n## /)[0]!;
  return table
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| -/.test(line))
    .slice(1)
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| /, '').replace(/ \|$/, '').trim()));
}

describe('the boundaries of docs/architecture.md, as ESLint enforces them', () => {
  let linted: LintedText[];
  const lintedAt = (index: number) => linted[index]!.messages;

  beforeAll(async () => {
    const drawn = DRAWN.map(({ folder, code }) => ({ filePath: fileIn(folder), code }));
    const allowed = Object.entries(ALLOWED).map(([folder, modules]) => ({
      filePath: fileIn(folder),
      code: imports(modules),
    }));
    linted = await lint([...drawn, ...allowed]);
  }, 300_000);

  it.each(DRAWN.map((drawn, index) => [drawn.row, drawn.folder, index] as const))(
    'when a file draws "%s" (in src/%s), then lint refuses it with the rule that enforces it',
    (_row, _folder, index) => {
      const { rule, says } = DRAWN[index]!;
      expect(lintedAt(index)).toEqual([{ ruleId: rule, message: expect.stringContaining(says) }]);
    },
  );

  it.each(Object.keys(ALLOWED).map((folder, index) => [folder, index + DRAWN.length] as const))(
    'when a file in src/%s imports what it may, then lint passes it',
    (_folder, index) => {
      expect(lintedAt(index)).toEqual([]);
    },
  );

  it('every folder of src/ has imports it may make, linted above', () => {
    const folders = readdirSync(join(root, 'src'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => !(folder in ALLOWED))).toEqual([]);
  });

  it('every row of the table that ESLint enforces has a file drawing it, and every drawn row is in the table', () => {
    const rows = neverRows();
    const linted = rows.filter(([, enforcedBy]) => /ESLint/.test(enforcedBy ?? '')).map(([arrow]) => arrow);
    expect([...new Set(DRAWN.map((drawn) => drawn.row))].sort()).toEqual(linted.sort());
  });
});

describe('import cycles, as `npm run lint:cycles` finds them', () => {
  const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageJson).scripts;
  const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` };
  let folder: string;
  /** The script's own command, on this folder instead of src/. */
  const check = () =>
    run('sh', ['-c', scripts['lint:cycles']!.replace(/ src$/, ` ${folder}`)], { cwd: root, env });

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'cycles-'));
    writeFileSync(
      join(folder, 'runs.ts'),
      "import { record } from './outbox';\nexport const start = () => record();\n",
    );
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('when two modules import each other, one of them only a type, then the check fails naming both', async () => {
    writeFileSync(
      join(folder, 'outbox.ts'),
      "import type { start } from './runs';\nexport const record = (): ReturnType<typeof start> | void => undefined;\n",
    );
    await expect(check()).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/outbox\.ts > runs\.ts|runs\.ts > outbox\.ts/),
    });
  }, 60_000);

  it('when the imports go one way, then the check passes', async () => {
    writeFileSync(join(folder, 'outbox.ts'), 'export const record = (): void => undefined;\n');
    await expect(check()).resolves.toMatchObject({
      stdout: expect.stringContaining('Processed 2 files'),
    });
  }, 60_000);
});
