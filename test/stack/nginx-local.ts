import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTool } from '../helpers/external-tool';
import { until } from '../helpers/until';
import { root } from './compose-files';

export const nginx = findTool('nginx', ['nginx', '/usr/sbin/nginx']);
export const nginxConfig = readFileSync(join(root, 'nginx', 'nginx.conf'), 'utf8');

/** The stack's config pointed at one local upstream and port instead of Docker's DNS and container port. */
function localConfig(upstreamPort: number, listenPort: number, dir: string): string {
  const replacements: [RegExp, string][] = [
    [/^\s*resolver .*$/m, ''],
    [/server twitterapi:5000 resolve;/, `server 127.0.0.1:${upstreamPort};`],
    [/listen 8080;/, `listen 127.0.0.1:${listenPort};`],
    [/pid \/tmp\/nginx\.pid;/, `pid ${join(dir, 'nginx.pid')};`],
    // A container's stdout is a pipe nginx can open; a test runner's may be a socket, which it cannot.
    [/access_log \/dev\/stdout main;/, `access_log ${join(dir, 'access.log')} main;`],
    [/error_log \/dev\/stderr warn;/, `error_log ${join(dir, 'error.log')} warn;`],
  ];
  return replacements.reduce((text, [pattern, replacement]) => {
    if (!pattern.test(text)) throw new Error(`nginx.conf no longer has ${pattern}`);
    return text.replace(pattern, replacement);
  }, nginxConfig);
}

async function freePort(): Promise<number> {
  const free = createServer();
  await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
  const { port } = free.address() as AddressInfo;
  await new Promise((resolve) => free.close(resolve));
  return port;
}

export interface LocalNginx {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** nginx (found by `nginx` above) with the stack's config, in front of a server on `upstreamPort`. */
export async function startNginx(upstreamPort: number): Promise<LocalNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'twitter-api-nginx-'));
  const port = await freePort();
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, localConfig(upstreamPort, port, dir));
  const check = spawnSync(nginx!, ['-t', '-p', dir, '-c', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t failed: ${check.stderr}`);
  const proxy: ChildProcess = spawn(nginx!, ['-p', dir, '-c', file, '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${url}/proxy-health`)).ok, 'nginx listening', 10_000);
  return {
    url,
    port,
    async stop() {
      if (proxy.exitCode === null) {
        const exited = new Promise((resolve) => proxy.once('exit', resolve));
        proxy.kill('SIGQUIT');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
