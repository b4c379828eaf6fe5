import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The X API emulator in a process of its own, its stream at a rate set with setRate. */
export async function startEmulatorProcess(): Promise<{
  url: string;
  process: ChildProcess;
  setRate(rate: number): Promise<void>;
}> {
  const child = spawn(join('node_modules', '.bin', 'tsx'), ['emulator/main.ts'], {
    env: { ...process.env, EMULATOR_PORT: '0', EMULATOR_FAULTS: '{"streamHeartbeatMs":20000}' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /on (http:\/\/[\d.]+:\d+)/.exec(chunk.toString());
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  return {
    url,
    process: child,
    async setRate(rate) {
      await fetch(`${url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ streamRate: rate }) });
    },
  };
}
