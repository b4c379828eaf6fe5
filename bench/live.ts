import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveBenchCommand } from './live-server';

/**
 * `npm run bench:live`: CLIENTS event-stream clients on one app process (each from its own forwarded
 * address) while it stores a BURST-post collection, then RATE posts a second for SECONDS; the delivery
 * latency (stored to received), whether every client got every post, and the server's peak RSS. Then
 * one address holds its cap and tries ATTEMPTS more streams while /healthz is timed against idle.
 */
const CLIENTS = Number(process.env.CLIENTS ?? 1000);
const BURST = Number(process.env.BURST ?? 10_000);
const RATE = Number(process.env.RATE ?? 500);
const SECONDS = Number(process.env.SECONDS ?? 15);
const ATTEMPTS = Number(process.env.ATTEMPTS ?? 1000);

/** Latencies in whole milliseconds, counted per bucket: millions of samples in constant memory. */
class Latencies {
  private readonly buckets = new Uint32Array(60_000);
  count = 0;

  add(ms: number): void {
    this.buckets[Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms)))]! += 1;
    this.count++;
  }

  percentile(p: number): number {
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= this.count * p) return ms;
    }
    return this.buckets.length;
  }
}

interface Stream {
  received: number;
  ended: boolean;
}

/** Opens one event stream that counts the posts it receives and their latency (their text is `t=<ms>`). */
function openStream(
  port: number,
  address: string,
  agent: http.Agent,
  latencies: { current: Latencies },
): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const headers = { 'x-forwarded-for': address };
    http
      .get(`http://127.0.0.1:${port}/live/events`, { agent, headers }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
        const stream: Stream = { received: 0, ended: false };
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
            latencies.current.add(now - Number(text.slice(at + 3, at + 16)));
            stream.received++;
          }
        });
        res.on('close', () => (stream.ended = true));
        resolve(stream);
      })
      .on('error', reject);
  });
}

function command(
  child: ChildProcess,
  message: LiveBenchCommand,
): Promise<{ stored: number; peakRssMb: number }> {
  child.send(message);
  return new Promise((resolve) => child.once('message', resolve as never));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  const child = fork(join(__dirname, 'live-server.ts'), [join(dir, 'live.db')], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=192', '--max-semi-space-size=4'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port, maxPerAddress } = await new Promise<{ port: number; maxPerAddress: number }>((resolve) =>
    child.once('message', resolve as never),
  );
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const latencies = { current: new Latencies() };
  const streams = await Promise.all(
    Array.from({ length: CLIENTS }, (_, i) =>
      openStream(port, `2001:db8::${i.toString(16)}`, agent, latencies),
    ),
  );
  process.stdout.write(
    `${CLIENTS} clients connected; a ${BURST}-post collection, then ${RATE} posts/s for ${SECONDS} s\n`,
  );
  const burst = await command(child, { burst: BURST });
  await until(() => streams.every((stream) => stream.received >= burst.stored || stream.ended));
  const burstLatencies = latencies.current;
  latencies.current = new Latencies();
  const result = await command(child, { rate: RATE, seconds: SECONDS });
  await until(() => streams.every((stream) => stream.received >= result.stored || stream.ended));
  const delivery = {
    clients: CLIENTS,
    stored: result.stored,
    delivered: burstLatencies.count + latencies.current.count,
    expected: result.stored * CLIENTS,
    clientsMissingPosts: streams.filter((stream) => stream.received < result.stored).length,
    clientsDropped: streams.filter((stream) => stream.ended).length,
    burstLatencyMs: { p50: burstLatencies.percentile(0.5), p99: burstLatencies.percentile(0.99) },
    steadyLatencyMs: { p50: latencies.current.percentile(0.5), p99: latencies.current.percentile(0.99) },
    serverPeakRssMb: Math.round(result.peakRssMb),
  };
  agent.destroy();
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const connections = await oneAddressTakingConnections(port, maxPerAddress);
  process.stdout.write(`${JSON.stringify({ delivery, connections }, null, 2)}\n`);
  child.disconnect();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

/** One address holds its cap and tries ATTEMPTS more streams; /healthz p99 against idle in the same run. */
async function oneAddressTakingConnections(port: number, maxPerAddress: number) {
  await healthzP99(port, 100);
  const idle = await healthzP99(port, 300);
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const statuses = new Map<number, number>();
  const attempts = Array.from({ length: maxPerAddress + ATTEMPTS }, async () => {
    const status = await new Promise<number>((resolve) =>
      http
        .get(
          `http://127.0.0.1:${port}/live/events`,
          { agent, headers: { 'x-forwarded-for': '2001:db8::1:1' } },
          (res) => {
            if (res.statusCode !== 200) res.resume();
            resolve(res.statusCode ?? 0);
          },
        )
        .on('error', () => resolve(0)),
    );
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const during = await healthzP99(port, 300);
  await Promise.all(attempts);
  agent.destroy();
  return {
    idleHealthzP99Ms: idle,
    duringHealthzP99Ms: during,
    ratio: +(during / idle).toFixed(2),
    statuses: Object.fromEntries(statuses),
  };
}

async function healthzP99(port: number, count: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) =>
      http
        .get(`http://127.0.0.1:${port}/healthz`, { agent }, (res) => res.resume().on('end', resolve))
        .on('error', reject),
    );
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return +times[Math.ceil(count * 0.99) - 1]!.toFixed(2);
}

/** Waits until `done` holds, or 60 s (what is missing is reported, not waited for). */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

void main();
