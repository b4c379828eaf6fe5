import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTestDatabase } from './database';
import { freePort } from './ports';
import { onJsonLines } from './json-lines';

const root = join(__dirname, '..', '..');

export interface MainProcess {
  url: string;
  child: ChildProcess;
  /** JSON lines the app wrote to stdout */
  lines: Record<string, unknown>[];
  stderr(): string;
  ready(timeoutMs?: number): Promise<void>;
  /** sends the signal and resolves with the exit code */
  signal(signal: NodeJS.Signals): Promise<number | null>;
  cleanup(): void;
}

/** The app as a real process (src/main.ts, TypeScript loaded by tsx) on a free port and a temporary database. */
export async function startMain(
  env: Record<string, string> = {},
  script = 'src/main.ts',
): Promise<MainProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-main-'));
  const port = await freePort();
  // tsx is loaded into node itself rather than run as the tsx CLI: the CLI runs the app as its child and relays
  // signals, cannot relay SIGKILL, and kills the app outright when it does not acknowledge a SIGTERM within 30 ms,
  // which a loaded CI machine does not always manage. Here every signal reaches the app as it would in the image.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: await withTestDatabase({
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: join(dir, 't.db'),
      LOG_LEVEL: 'info',
      ...env,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own: cleanup also kills whatever the app started.
    detached: true,
  });
  const lines: Record<string, unknown>[] = [];
  let stderr = '';
  onJsonLines(child.stdout, (line) => lines.push(line));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    lines,
    stderr: () => stderr,
    async ready(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          if ((await fetch(`${url}/readyz`)).ok) return;
        } catch {
          // not listening yet
        }
        if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${stderr}`);
        if (Date.now() > deadline) throw new Error(`the app was not ready in ${timeoutMs} ms: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    signal(signal) {
      child.kill(signal);
      return exited;
    },
    cleanup() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group has ended
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface MeasuredProcess extends MainProcess {
  /** runs a full garbage collection in the app, so what is read next is what stays, not garbage */
  collectGarbage(): Promise<void>;
}

/** The app as the image runs it (its heap limits), with a full collection on demand (gc-on-signal.js). */
export async function startMainForMemory(env: Record<string, string>): Promise<MeasuredProcess> {
  const app = await startMain({
    ...env,
    NODE_OPTIONS: `--max-old-space-size=192 --max-semi-space-size=4 --require ${join(__dirname, 'gc-on-signal.js')}`,
  });
  return {
    ...app,
    async collectGarbage() {
      app.child.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 200));
    },
  };
}
