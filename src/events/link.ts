import type { Logger } from 'winston';
import { jitteredBackoffMs, sleep } from '../backoff';
import type { EventsConfig } from '../config';
import { connectJetStream, describeNatsError, NatsConfigError, shownUrl, type JetStreamLink } from './nats';
import type { PublishBatch } from './publish-batch';
import { workerPublisher } from './worker-publisher';

export interface NatsSupervisor {
  start(): void;
  /** the publish of the live connection; undefined while there is none */
  publisher(): PublishBatch | undefined;
  close(): Promise<void>;
}

const RETRY = { baseMs: 250, maxMs: 5000 };

/**
 * Keeps one connection to NATS with the stream in place. A failure to connect is one log line (and one
 * more only when the reason changes), then retried with backoff; an invalid NATS_URL is not retried.
 * Once connected the client reconnects by itself; the relay's publishes fail meanwhile and it backs off.
 */
export function superviseNats(
  config: EventsConfig,
  logger: Logger,
  onConnected: () => void = () => undefined,
): NatsSupervisor {
  const closing = new AbortController();
  let link: JetStreamLink | undefined;
  // Publishing runs on a thread of its own, started by the first relay cycle that asks for it (a
  // replica that never holds the lease never starts it); this connection keeps the stream in place
  // and says when NATS is there.
  const publishing = workerPublisher(config.url, config.subjectPrefix);
  let loop: Promise<void> | undefined;

  const connectLoop = async () => {
    let attempt = 0;
    let lastProblem = '';
    while (!closing.signal.aborted) {
      try {
        link = await connectJetStream(config);
      } catch (error) {
        const problem = describeNatsError(error, config.url);
        if (problem !== lastProblem) logger.error(problem, { event: 'events.nats_error' });
        lastProblem = problem;
        if (error instanceof NatsConfigError) return;
        await sleep(jitteredBackoffMs(attempt++, RETRY), closing.signal);
        continue;
      }
      logger.info(`publishing events to NATS at ${shownUrl(config.url)}, stream ${config.stream}`, {
        event: 'events.connected',
        stream: config.stream,
      });
      watchStatus(link, logger, onConnected);
      onConnected();
      await link.nc.closed();
      link = undefined;
      attempt = 0;
    }
  };

  return {
    start: () => void (loop ??= connectLoop()),
    publisher() {
      const current = link;
      if (!current || current.nc.isClosed()) return undefined;
      publishing.start();
      return publishing.publish;
    },
    async close() {
      closing.abort();
      await link?.nc.close().catch(() => undefined);
      await loop;
      await publishing.close();
    },
  };
}

/** One line per disconnect and reconnect (the client retries for ever). */
function watchStatus(link: JetStreamLink, logger: Logger, onConnected: () => void): void {
  void (async () => {
    for await (const status of link.nc.status()) {
      if (status.type === 'disconnect') {
        logger.warn('NATS connection lost; the outbox keeps events until it is back', {
          event: 'events.nats_disconnected',
        });
      } else if (status.type === 'reconnect') {
        logger.info('NATS connection restored', { event: 'events.nats_reconnected' });
        onConnected();
      }
    }
  })().catch(() => undefined);
}
