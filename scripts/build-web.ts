import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { MAP_HEIGHT, MAP_WIDTH, projectWorld } from './world-map';

const ROOT = join(__dirname, '..');
export const WEB_OUT = join(ROOT, 'dist', 'web');
const ASSETS = join(WEB_OUT, 'assets');

const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
};

/**
 * `npm run build:web`: the live page (`/`) and the insights page (`/insights`) bundled into dist/web.
 * Everything comes from our own origin: the pages' scripts and styles, uPlot's, and the world map.
 * The insights page's files are named by their content hash, so they can be cached for good.
 */
export async function buildWeb(): Promise<void> {
  rmSync(WEB_OUT, { recursive: true, force: true });
  mkdirSync(ASSETS, { recursive: true });
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [join(ROOT, 'web', 'main.ts')],
    outfile: join(ASSETS, 'app.js'),
  });
  copyFileSync(join(ROOT, 'web', 'index.html'), join(WEB_OUT, 'index.html'));
  const style = join(ROOT, 'web', 'style.css');
  const uplotStyle = require.resolve('uplot/dist/uPlot.min.css');
  copyFileSync(style, join(ASSETS, 'style.css'));
  copyFileSync(uplotStyle, join(ASSETS, 'uPlot.min.css'));
  await buildInsights({ style: copyHashed(style), uplotStyle: copyHashed(uplotStyle) });
}

async function buildInsights(styles: { style: string; uplotStyle: string }): Promise<void> {
  const result = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [join(ROOT, 'web', 'insights.ts')],
    outdir: ASSETS,
    entryNames: '[name]-[hash]',
    metafile: true,
    plugins: [worldMapPlugin],
  });
  const script = Object.keys(result.metafile?.outputs ?? {}).find((file) => file.endsWith('.js'));
  if (!script) throw new Error('the insights bundle was not written');
  const html = readFileSync(join(ROOT, 'web', 'insights.html'), 'utf8')
    .replace('/assets/insights.js', `/assets/${basename(script)}`)
    .replace('/assets/style.css', `/assets/${styles.style}`)
    .replace('/assets/uPlot.min.css', `/assets/${styles.uplotStyle}`);
  writeFileSync(join(WEB_OUT, 'insights.html'), html);
}

/** Copies a file into the assets as `name-<hash>.ext`; answers that name. */
function copyHashed(file: string): string {
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
  const extension = extname(file);
  const name = `${basename(file, extension)}-${hash}${extension}`;
  copyFileSync(file, join(ASSETS, name));
  return name;
}

/** `import map from 'world-map'`: the countries' SVG paths, projected here rather than in the browser. */
const worldMapPlugin: Plugin = {
  name: 'world-map',
  setup(plugin) {
    plugin.onResolve({ filter: /^world-map$/ }, () => ({ path: 'world-map', namespace: 'world-map' }));
    plugin.onLoad({ filter: /.*/, namespace: 'world-map' }, () => ({
      contents: JSON.stringify({ width: MAP_WIDTH, height: MAP_HEIGHT, countries: projectWorld() }),
      loader: 'json',
    }));
  },
};

if (require.main === module) {
  buildWeb().catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
