import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchServer {
  url: string;
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** The real app (src/main.ts) in its own process on a prepared database, as it runs in production. */
export async function startServer(databasePath: string, port: number): Promise<BenchServer> {
  const root = join(__dirname, '..');
  const child: ChildProcess = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      TWEET_SOURCE: 'sample',
      // Request lines at info would measure the terminal, not the API.
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 300 || child.exitCode !== null) throw new Error('the app did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    peakRssMb() {
      // VmHWM is the process's peak resident set size; tsx runs the app in a child of its own.
      const pids = [child.pid!, ...childrenOf(child.pid!)];
      return Math.max(...pids.map(peakRssKb)) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function childrenOf(pid: number): number[] {
  try {
    const direct = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return direct.flatMap((child) => [child, ...childrenOf(child)]);
  } catch {
    return [];
  }
}

function peakRssKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
