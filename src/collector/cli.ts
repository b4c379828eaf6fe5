import dotenv from 'dotenv';
import { ConfigError, loadConfig, secretsOf } from '../config';
import { closeDatabase, openDatabase } from '../database';
import { createLogger } from '../observability/logger';
import { createMetrics } from '../observability/metrics';
import { createCollector } from './collector';
import { exitCodeOf, summaryText, tagLine } from './report';
import { createSource } from './sources';

/** `npm run collect`: one collection, progress per tag on stdout, logs on stderr. */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const logs = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    logstash: config.logstash,
    secrets: secretsOf(config),
    console: process.stderr,
  });
  const { logger } = logs;
  const metrics = createMetrics();
  const dataSource = await openDatabase(config.databasePath);
  const collector = createCollector({
    dataSource,
    source: createSource(config, { logger, metrics }),
    logger,
    tags: config.tags,
    tweetsPerTag: config.tweetsPerTag,
    concurrency: config.collect.concurrency,
    observer: { onTagEnd: (tag) => process.stdout.write(`${tagLine(tag)}\n`) },
  });
  const stop = () => void collector.stop();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  process.stdout.write(
    `collecting ${config.tags.length} tags, up to ${config.tweetsPerTag} posts each, into ${config.databasePath}\n`,
  );
  const summary = await collector.run('cli');
  process.stdout.write(`\n${summaryText(summary)}\n`);
  await closeDatabase(dataSource);
  await logs.close(config.shutdownTimeoutMs);
  return exitCodeOf(summary);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      error instanceof ConfigError
        ? `${error.message}\n`
        : `collection failed: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
