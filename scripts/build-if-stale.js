/**
 * `npm start` runs the compiled app, as the Docker image does; this builds it first (`tsc -p
 * tsconfig.build.json`) when dist/ is missing or older than any of its sources, so a fresh clone and
 * every edit start the current code. `npm run dev` runs the sources through tsx instead.
 */
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const OUTPUT = 'dist/src/main.js';
const INPUTS = ['src', 'emulator', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time under a file or folder, 0 when it does not exist. */
function newestMtimeMs(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtimeMs(join(path, name))), 0);
}

/** Whether the output is missing or older than an input (paths relative to `base`). */
function isStale(base, output = OUTPUT, inputs = INPUTS) {
  const built = newestMtimeMs(join(base, output));
  return built === 0 || inputs.some((input) => newestMtimeMs(join(base, input)) > built);
}

function buildIfStale() {
  if (!isStale(root)) return 0;
  process.stderr.write(`${OUTPUT} is missing or older than the sources: building (npm run build)\n`);
  const tsc = require.resolve('typescript/bin/tsc');
  return (
    spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' }).status ??
    1
  );
}

module.exports = { isStale };

if (require.main === module) process.exitCode = buildIfStale();
