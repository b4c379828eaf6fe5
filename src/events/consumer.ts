import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  JetStreamError,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

const CONSUMER_NOT_FOUND = 10014;

export interface ConsumeOptions {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  /** subject filter, such as `twitter.posts.>` */
  subject: string;
  /** the durable consumer's name: a restart with the same name resumes where the last one stopped */
  durable: string;
  /** stops after the batch in hand is written and acknowledged (nothing is left for redelivery) */
  signal: AbortSignal;
  /** writes one event; the message is acknowledged only once this resolves */
  onEvent(payload: string, message: JsMsg): Promise<void>;
  batchSize?: number;
}

/** Creates the durable consumer, or points the existing one at `subject`. */
export async function ensureDurable(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  subject: string,
): Promise<void> {
  try {
    const info = await jsm.consumers.info(stream, durable);
    if (info.config.filter_subject !== subject) {
      await jsm.consumers.update(stream, durable, { filter_subject: subject });
    }
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
    await jsm.consumers.add(stream, {
      durable_name: durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      max_ack_pending: 10_000,
    });
  }
}

/**
 * Reads the durable consumer in batches, hands each event to `onEvent` and acknowledges it after.
 * A stop lets the batch in hand finish, so a restart neither misses an event nor sees one twice.
 */
export async function consumeEvents(options: ConsumeOptions): Promise<number> {
  await ensureDurable(options.jsm, options.stream, options.durable, options.subject);
  const consumer = await options.js.consumers.get(options.stream, options.durable);
  let handled = 0;
  while (!options.signal.aborted) {
    const batch = await consumer.fetch({ max_messages: options.batchSize ?? 256, expires: 1000 });
    let received = 0;
    try {
      for await (const message of batch) {
        received += 1;
        await options.onEvent(message.string(), message);
        message.ack();
        handled += 1;
      }
    } catch (error) {
      if (!(received > 0 && isHeartbeatsMissed(error))) throw error;
    }
  }
  return handled;
}

/**
 * nats-server 2.9 ends a pull request that expired after delivering part of its batch in silence,
 * so the client reports missed heartbeats although every message it sent was handled. Only a fetch
 * that received nothing and heard nothing means the server is gone.
 */
function isHeartbeatsMissed(error: unknown): boolean {
  return error instanceof JetStreamError && error.message === 'heartbeats missed';
}
