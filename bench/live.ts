import { fork } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench:live`: CLIENTS event-stream clients on one app process while it stores RATE posts a
 * second; the delivery latency (stored to received, p50/p99/max) and the server's peak RSS.
 */
const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const RATE = Number(process.env.RATE ?? 500);
const SECONDS = Number(process.env.SECONDS ?? 15);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  const child = fork(join(__dirname, 'live-server.ts'), [join(dir, 'live.db')], {
    execArgv: ['--require', 'tsx/cjs', '--max-old-space-size=192', '--max-semi-space-size=4'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve as never));

  // Latencies in whole milliseconds, counted per bucket: millions of samples in constant memory.
  const buckets = new Uint32Array(60_000);
  let received = 0;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  let connected = 0;
  await Promise.all(
    Array.from(
      { length: CLIENTS },
      () =>
        new Promise<void>((resolve, reject) => {
          http
            .get(`http://127.0.0.1:${port}/live/events`, { agent }, (res) => {
              if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
              connected++;
              res.setEncoding('latin1');
              // A stamp cut in two by a chunk boundary is read when its rest arrives.
              let carry = '';
              res.on('data', (chunk: string) => {
                const now = Date.now();
                const text = carry + chunk;
                carry = '';
                for (let at = text.indexOf('"t='); at >= 0; at = text.indexOf('"t=', at + 3)) {
                  if (at + 17 > text.length) {
                    carry = text.slice(at);
                    break;
                  }
                  const latency = now - Number(text.slice(at + 3, at + 16));
                  buckets[Math.min(buckets.length - 1, Math.max(0, latency))]! += 1;
                  received++;
                }
              });
              resolve();
            })
            .on('error', reject);
        }),
    ),
  );
  process.stdout.write(`${connected} clients connected; storing ${RATE} posts/s for ${SECONDS} s\n`);
  child.send({ rate: RATE, seconds: SECONDS });
  const result = await new Promise<{ peakRssMb: number; stored: number }>((resolve) =>
    child.on('message', (message: { done?: boolean; peakRssMb: number; stored: number }) => {
      if (message.done) resolve(message);
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const percentile = (p: number) => {
    let seen = 0;
    for (let ms = 0; ms < buckets.length; ms++) {
      seen += buckets[ms]!;
      if (seen >= received * p) return ms;
    }
    return buckets.length;
  };
  const max = buckets.findLastIndex((count) => count > 0);
  process.stdout.write(
    `${JSON.stringify(
      {
        clients: CLIENTS,
        stored: result.stored,
        postsPerSecond: Math.round(result.stored / SECONDS),
        delivered: received,
        expected: result.stored * CLIENTS,
        latencyMs: { p50: percentile(0.5), p99: percentile(0.99), max },
        serverPeakRssMb: Math.round(result.peakRssMb),
      },
      null,
      2,
    )}\n`,
  );
  agent.destroy();
  child.disconnect();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

void main();
