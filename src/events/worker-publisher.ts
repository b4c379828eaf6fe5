import { Worker } from 'node:worker_threads';
import type { PublishBatch, PublishResult } from './publish-batch';
import type { PublishReply, PublishRequest } from './publish-worker';

export interface WorkerPublisher {
  /** starts the thread (and its connection) ahead of the first batch */
  start(): void;
  publish: PublishBatch;
  close(): Promise<void>;
}

/**
 * Publishes batches on a worker thread with its own NATS connection (src/events/publish-worker.ts),
 * started when the relay first asks for it, and again at the next batch after it died. The relay
 * keeps reading and deleting rows on the writer's thread: SQLite has one writer, and only the lease
 * holder relays.
 */
export function workerPublisher(url: string, subjectPrefix: string): WorkerPublisher {
  let worker: Worker | undefined;
  const waiting = new Map<number, (result: PublishResult) => void>();
  let nextBatch = 0;

  const failAll = (error: string) => {
    waiting.forEach((settle) => settle({ count: 0, error }));
    waiting.clear();
  };
  const start = () => {
    const started = new Worker(workerFile(), {
      workerData: { url, subjectPrefix },
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    started.unref(); // the relay's loop keeps the process alive while it has work, never the thread
    started.on('message', ({ batch, result }: PublishReply) => {
      waiting.get(batch)?.(result);
      waiting.delete(batch);
    });
    started.on('error', (error) => failAll(`the publishing thread failed: ${error.message}`));
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      failAll('the publishing thread ended');
    });
    return started;
  };

  return {
    start: () => void (worker ??= start()),
    publish: (writes) =>
      new Promise((resolve) => {
        const batch = nextBatch++;
        waiting.set(batch, resolve);
        (worker ??= start()).postMessage({ batch, writes } satisfies PublishRequest);
      }),
    async close() {
      const closing = worker;
      worker = undefined;
      if (!closing) return;
      const exited = new Promise((resolve) => closing.once('exit', resolve));
      closing.postMessage({ close: true } satisfies PublishRequest);
      const timer = setTimeout(() => void closing.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// Built, the worker is JavaScript beside this file and inherits the process's flags; run from
// TypeScript (tsx, Jest) it needs tsx's loader, and the process's own flags may not apply to a thread.
const workerFile = () => require.resolve(`./publish-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);
const workerExecArgv = () => (__filename.endsWith('.ts') ? ['--require', 'tsx/cjs'] : undefined);
