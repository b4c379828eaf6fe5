import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');
export const WEB_OUT = join(ROOT, 'dist', 'web');

/**
 * `npm run build:web`: the live page (web/) bundled into dist/web, which the server serves at `/`.
 * Everything comes from our own origin: the page's script and styles, and uPlot's.
 */
export async function buildWeb(): Promise<void> {
  rmSync(WEB_OUT, { recursive: true, force: true });
  mkdirSync(join(WEB_OUT, 'assets'), { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web', 'main.ts')],
    outfile: join(WEB_OUT, 'assets', 'app.js'),
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  copyFileSync(join(ROOT, 'web', 'index.html'), join(WEB_OUT, 'index.html'));
  copyFileSync(join(ROOT, 'web', 'style.css'), join(WEB_OUT, 'assets', 'style.css'));
  copyFileSync(require.resolve('uplot/dist/uPlot.min.css'), join(WEB_OUT, 'assets', 'uPlot.min.css'));
}

if (require.main === module) {
  buildWeb().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
