import { parentPort, workerData } from 'node:worker_threads';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { OutboxWrite } from '../repositories/outbox';
import { natsConnectOptions } from './nats';
import { batchPublisher, type PublishBatch, type PublishResult } from './publish-batch';

/** What the relay's thread asks of the publishing thread, and what it answers. */
export type PublishRequest = { batch: number; writes: OutboxWrite[] } | { close: true };
export interface PublishReply {
  batch: number;
  result: PublishResult;
}

/**
 * The publishing thread (src/events/worker-publisher.ts starts it): its own NATS connection, made at
 * start (again at the next batch if that failed) and then kept (the client reconnects by itself). Making an event's JSON from its
 * row, sending it and reading its acknowledgement cost about as much CPU as storing the post, so they
 * run beside the writer instead of on its thread.
 */
function serve(url: string, subjectPrefix: string): void {
  let link: Promise<{ nc: NatsConnection; publish: PublishBatch }> | undefined;
  const connected = () =>
    (link ??= connect(natsConnectOptions(url, 'twitter-api-relay')).then(
      (nc) => ({ nc, publish: batchPublisher(nc, subjectPrefix, PUBLISH_TIMEOUT_MS) }),
      (error: unknown) => {
        link = undefined;
        throw error;
      },
    ));

  connected().catch(() => undefined); // the first batch finds the connection made
  parentPort!.on('message', (request: PublishRequest) => {
    if ('close' in request) {
      void (link ?? Promise.resolve(undefined))
        .then((open) => open?.nc.close())
        .catch(() => undefined)
        .finally(() => parentPort!.close());
      return;
    }
    void connected()
      .then(({ publish }) => publish(request.writes))
      .catch((error: unknown) => ({ count: 0, error: (error as Error)?.message ?? String(error) }))
      .then((result) => parentPort!.postMessage({ batch: request.batch, result } satisfies PublishReply));
  });
}

export const PUBLISH_TIMEOUT_MS = 5000;

if (parentPort) {
  const { url, subjectPrefix } = workerData as { url: string; subjectPrefix: string };
  serve(url, subjectPrefix);
}
