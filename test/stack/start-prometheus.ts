import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '../helpers/ports';

/** A real Prometheus on a free loopback port, with its data in `dir`. */
export async function startPrometheus(
  binary: string,
  configFile: string,
  dir: string,
): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const process = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: 'ignore' },
  );
  return { url: `http://127.0.0.1:${port}`, process };
}
