import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Plain CommonJS that npm runs before anything is compiled.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isStale } = require('../../scripts/build-if-stale.js') as {
  isStale: (base: string, output?: string, inputs?: string[]) => boolean;
};

const root = join(__dirname, '..', '..');

describe('npm start', () => {
  test('when package.json is read, then npm start builds when needed and runs the compiled app with the image heap bounds, and npm run dev runs the sources', () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const imageOptions = /NODE_OPTIONS="([^"]+)"/.exec(readFileSync(join(root, 'Dockerfile'), 'utf8'))![1];
    const imageCommand = /^CMD \["node", "([^"]+)"\]$/m.exec(
      readFileSync(join(root, 'Dockerfile'), 'utf8'),
    )![1];

    expect(scripts.prestart).toBe('node scripts/build-if-stale.js && npm run build:web');
    expect(scripts.start).toBe(`node ${imageOptions} ${imageCommand}`);
    expect(scripts.dev).toBe('tsx watch src/main.ts');
  });

  describe('building when dist/ is stale', () => {
    let dir: string;
    const at = (path: string, seconds: number) => {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
      utimesSync(join(dir, path), seconds, seconds);
    };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'twitter-api-build-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('when dist/ is missing, then it builds', () => {
      at('src/main.ts', 1000);

      expect(isStale(dir, 'dist/src/main.js', ['src'])).toBe(true);
    });

    test('when the output is newer than every source, then it does not build', () => {
      at('src/main.ts', 1000);
      at('src/deep/er/file.ts', 1500);
      at('dist/src/main.js', 2000);

      expect(isStale(dir, 'dist/src/main.js', ['src', 'tsconfig.json'])).toBe(false);
    });

    test('when a source deep in a folder, or a config file, changed after the build, then it builds', () => {
      at('dist/src/main.js', 2000);
      at('src/deep/er/file.ts', 2500);
      expect(isStale(dir, 'dist/src/main.js', ['src'])).toBe(true);

      at('src/deep/er/file.ts', 1500);
      at('tsconfig.json', 2500);
      expect(isStale(dir, 'dist/src/main.js', ['src', 'tsconfig.json'])).toBe(true);
    });
  });
});
