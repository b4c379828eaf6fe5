import dotenv from 'dotenv';
import { exitCodeOf, summaryText, tagLine } from '../collector/report';
import { loadConfig, secretsOf } from '../config';
import { createLogger } from '../observability/logger';
import { createService } from '../service';
import { runToExitCode } from './exit';

/** `npm run collect`: one collection, progress per tag on stdout, logs on stderr. */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const service = await createService({
    config,
    logs: createLogger({
      level: config.logLevel,
      format: config.logFormat,
      logstash: config.logstash,
      secrets: secretsOf(config),
      console: process.stderr,
    }),
    collectorObserver: { onTagEnd: (tag) => process.stdout.write(`${tagLine(tag)}\n`) },
  });
  const stop = () => void service.collector.stop();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  process.stdout.write(
    `collecting ${config.tags.length} tags, up to ${config.tweetsPerTag} posts each, into ${config.databasePath}\n`,
  );
  const summary = await service.collector.run('cli');
  process.stdout.write(`\n${summaryText(summary)}\n`);
  await service.stop();
  return exitCodeOf(summary);
}

runToExitCode(main, 'collection failed');
