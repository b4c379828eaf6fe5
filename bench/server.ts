import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface BenchServer {
  url: string;
  peakRssMb(): number;
  /** CPU seconds (user and system) the server's process has used so far */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const root = join(__dirname, '..');

/** Compiles the app as the Docker image does (`npm run build`), so the server runs as in production. */
export function buildApp(): void {
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('npm run build failed');
}

/** The Docker image's heap limits (Dockerfile), for the app and the bare ceiling alike. */
export const HEAP_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=4';

/**
 * The built app (dist/src/main.js) in its own process on a prepared database: `database` is its
 * environment (DATABASE_PATH, or DATABASE_URL).
 */
export function startServer(database: Record<string, string>, port: number): Promise<BenchServer> {
  return spawnServer(['dist/src/main.js'], `http://127.0.0.1:${port}/readyz`, {
    ...database,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: 'bench-admin-token-0123456789',
    TWEET_SOURCE: 'sample',
    // Request lines at info would measure the terminal, not the API.
    LOG_LEVEL: 'warn',
  });
}

/**
 * A bare Express 5 app (bench/bare-server.ts) with `/healthz` and the paths of `bodiesFile` (see
 * bench/bare-bodies.ts): the ceiling of the stack.
 */
export function startBareServer(port: number, bodiesFile?: string): Promise<BenchServer> {
  return startBare('bench/bare-server.ts', port, bodiesFile);
}

/** The same answers from node:http alone (bench/bare-http-server.ts): the floor under Express. */
export function startBareHttpServer(port: number, bodiesFile?: string): Promise<BenchServer> {
  return startBare('bench/bare-http-server.ts', port, bodiesFile);
}

function startBare(script: string, port: number, bodiesFile: string | undefined): Promise<BenchServer> {
  const args = ['--import', 'tsx', script, String(port), ...(bodiesFile ? [bodiesFile] : [])];
  return spawnServer(args, `http://127.0.0.1:${port}/healthz`, {});
}

/** A port free now, so runs of the benchmark side by side do not load each other's servers. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** Starts `node args` and waits until `readyUrl` answers 2xx. */
async function spawnServer(
  args: string[],
  readyUrl: string,
  env: Record<string, string>,
): Promise<BenchServer> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_OPTIONS: HEAP_OPTIONS, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300 || child.exitCode !== null) throw new Error(`${args.join(' ')} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: new URL(readyUrl).origin,
    peakRssMb() {
      // VmHWM: the process's peak resident set size.
      return peakRssKb(child.pid!) / 1024;
    },
    cpuSeconds: () => cpuSeconds(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function peakRssKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** utime and stime of /proc/<pid>/stat (fields 14 and 15, after the parenthesised name), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // The kernel's USER_HZ is 100 on Linux.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
