import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import type { EventsConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { useOutbox } from '../repositories/outbox';
import { encodeChange } from './changes';
import { superviseNats } from './link';
import { createOutboxRelay } from './relay';

export interface Events {
  /** connects to NATS in the background and starts the relay: the API never waits for NATS */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Events on: from now on every write also writes its events to the outbox (same transaction), and the
 * relay publishes them once started. Called by the composition root before anything writes.
 */
export function createEvents(deps: {
  config: EventsConfig;
  dataSource: DataSource;
  logger: Logger;
  metrics: AppMetrics;
  /** only the collector leader relays (one relay per database; false until the lease is held) */
  mayRelay?: () => boolean;
}): Events {
  const { config, dataSource, logger } = deps;
  useOutbox(dataSource, encodeChange, config.outboxMaxRows);
  const relay = createOutboxRelay({
    dataSource,
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
