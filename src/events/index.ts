import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { EventsConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { Outbox } from '../repositories/outbox';
import { encodeChange } from './changes';
import { superviseNats } from './link';
import { createOutboxRelay } from './relay';

export interface Events {
  /** connects to NATS in the background and starts the relay: the API never waits for NATS */
  start(): void;
  stop(): Promise<void>;
}

/** The outbox of a store with events on: every write also writes its events there (same transaction). */
export function eventsOutbox(config: EventsConfig): Outbox {
  return new Outbox(encodeChange, config.outboxMaxRows);
}

/** The relay of the store's outbox (its `eventsOutbox`): it publishes the events once started. */
export function createEvents(deps: {
  config: EventsConfig;
  store: Store;
  logger: Logger;
  metrics: AppMetrics;
  /** only the collector leader relays (one relay per database; false until the lease is held) */
  mayRelay?: () => boolean;
}): Events {
  const { config, store, logger } = deps;
  const relay = createOutboxRelay({
    store,
    logger,
    metrics: deps.metrics.events,
    publisher: () => nats.publisher(),
    maxRows: config.outboxMaxRows,
    mayRelay: deps.mayRelay,
  });
  const nats = superviseNats(config, logger, () => relay.connected());
  return {
    start() {
      nats.start();
      relay.start();
    },
    async stop() {
      await relay.stop();
      await nats.close();
    },
  };
}
