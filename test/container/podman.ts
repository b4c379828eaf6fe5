import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findTool } from '../helpers/external-tool';

const run = promisify(execFile);
export const root = join(__dirname, '..', '..');

/** Where podman is absent the container tests are skipped with a message; under CI=true they fail. */
export const podmanPath = findTool('podman');

/**
 * Each run and build uses runc with limits no higher than the machine's: raising limits is refused
 * in unprivileged environments, and crun refuses some cgroup layouts.
 */
export const runtimeOptions = [
  '--runtime',
  'runc',
  '--ulimit',
  'nofile=1024:1024',
  '--ulimit',
  'nproc=1024:1024',
];

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs podman with `args`; resolves with its exit code and output whatever the code. */
export async function podman(...args: string[]): Promise<Result> {
  try {
    const { stdout, stderr } = await run(podmanPath!, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** podman, failing with its output unless it exits 0; resolves with its trimmed standard output. */
export async function podmanOk(...args: string[]): Promise<string> {
  const result = await podman(...args);
  if (result.code !== 0) throw new Error(`podman ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  return result.stdout.trim();
}

/** The stand-in base images (scripts/container-base.sh), built once while their tags exist. */
export async function ensureBaseImages(): Promise<void> {
  await run(join(root, 'scripts', 'container-base.sh'), [], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
}

/** The Dockerfile, built unchanged as `tag` in Docker's format, which keeps its HEALTHCHECK. */
export async function buildImage(tag: string): Promise<void> {
  await podmanOk('build', ...runtimeOptions, '--format', 'docker', '--tag', tag, '.');
}
