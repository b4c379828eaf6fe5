import { randomBytes } from 'node:crypto';
import dotenv from 'dotenv';
import { scheduleCollections } from './collector/scheduler';
import { createSource } from './collector/sources';
import { createApp } from './app';
import { ConfigError, loadConfig, secretsOf } from './config';
import { closeDatabase, openDatabase } from './database';
import { createLogger } from './observability/logger';
import { createMetrics } from './observability/metrics';
import { countStored } from './repositories/aggregate-reader';
import { shutDown } from './shutdown';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const adminToken = config.adminToken ?? randomBytes(24).toString('base64url');
  const logs = createLogger({
    level: config.logLevel,
    logstash: config.logstash,
    secrets: [...secretsOf(config), adminToken],
  });
  const { logger } = logs;
  if (!config.adminToken) {
    // Written to the terminal only, never to the logger, so the generated secret is not shipped anywhere.
    process.stderr.write(
      `ADMIN_TOKEN is not set; /database accepts this generated token until restart: ${adminToken}\n`,
    );
    logger.warn('ADMIN_TOKEN is not set; a random admin token was generated and printed to stderr', {
      event: 'app.admin_token',
    });
  }
  const metrics = createMetrics({ collectIntervalMinutes: config.collect.intervalMinutes });
  const dataSource = await openDatabase(config.databasePath, { busyRetryMs: config.databaseBusyRetryMs });
  const source = createSource(config, { logger, metrics });
  const { http, collector } = createApp({
    config,
    adminToken,
    dataSource,
    logger,
    metrics,
    source,
    logTransportStats: logs.transportStats,
  });
  const server = http.listen(config.port, config.host, () => {
    logger.info(`listening on http://${config.host}:${config.port} with the ${source.name} source`, {
      event: 'app.start',
      port: config.port,
      source: source.name,
      tags: config.tags,
    });
  });
  if ((await countStored(dataSource)).posts === 0) {
    collector
      .run('first-start')
      .catch((error: unknown) =>
        logger.error('first collection failed', { event: 'collection.error', error }),
      );
  }
  const scheduler = scheduleCollections(collector, config.collect.intervalMinutes, logger);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`received ${signal}`, { event: 'app.signal', signal });
    shutDown({
      server,
      logger,
      timeoutMs: config.shutdownTimeoutMs,
      then: [
        () => scheduler.stop(),
        () => collector.stop(),
        () => logs.close(config.shutdownTimeoutMs),
        () => closeDatabase(dataSource),
      ],
    }).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    error instanceof ConfigError
      ? `${error.message}\n`
      : `failed to start: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
});
