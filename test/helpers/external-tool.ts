import { execFileSync } from 'node:child_process';

/**
 * Finds an outside program a test needs (promtool, prometheus, chromium). Where it is absent the
 * test is skipped with a visible message, except under CI=true, where .ci/run installs it and its
 * absence is a failure.
 */
export function findTool(name: string, candidates: string[] = [name]): string | undefined {
  for (const candidate of candidates) {
    try {
      const path = execFileSync('sh', ['-c', `command -v "$0"`, candidate], { encoding: 'utf8' }).trim();
      if (path) return path;
    } catch {
      // not on PATH; try the next candidate
    }
  }
  if (process.env.CI === 'true') {
    throw new Error(`${name} is required under CI=true but is not installed (.ci/run installs it)`);
  }
  process.stderr.write(`\n  SKIPPED: ${name} is not installed, so the tests that need it are skipped\n\n`);
  return undefined;
}

/** `describe` when the tool was found, else `describe.skip`. */
export function describeWithTool(tool: string | undefined): jest.Describe {
  return tool ? describe : describe.skip;
}
