import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { loadConfig, secretsOf } from '../config';
import { createLogger } from '../observability/logger';
import { createService } from '../service';
import { runToExitCode } from './exit';
import { MAX_TERMS, normaliseTerms, TERM_PATTERN, type RunSnapshot } from '../stream/control';

const USAGE = 'usage: npm run stream -- --track bieber --track "#devops" (1 to 25 terms)';

/** `npm run stream -- --track bieber`: one stream run in the foreground; Ctrl-C ends it with its statistics. */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const track = normaliseTerms(
    parseArgs({ options: { track: { type: 'string', multiple: true } } }).values.track ?? [],
  );
  const bad = track.find((term) => !TERM_PATTERN.test(term));
  if (track.length === 0 || track.length > MAX_TERMS || bad) {
    process.stderr.write(`${bad ? `not a word, #hashtag or "quoted phrase": ${bad}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const service = await createService({
    config,
    logs: createLogger({
      level: config.logLevel,
      logstash: config.logstash,
      secrets: secretsOf(config),
      console: process.stderr,
    }),
  });
  const { runId } = await service.stream.launch(track);
  process.stdout.write(`stream run ${runId} on ${track.join(', ')}; Ctrl-C ends it\n`);
  let previous = { amount: 0, at: Date.now() };
  const status = setInterval(() => {
    const run = service.stream.current();
    if (!run) return;
    const now = Date.now();
    const rate = ((run.amount - previous.amount) * 1000) / Math.max(1, now - previous.at);
    previous = { amount: run.amount, at: now };
    process.stdout.write(`\r${statusLine(run)}, ${rate.toFixed(1)}/s   `);
  }, 1000);
  const ended = await new Promise<RunSnapshot | undefined>((resolve) => {
    const stop = () => void service.stream.stop('stopped').then(resolve);
    process.once('SIGINT', stop).once('SIGTERM', stop);
    // A run X ends (401, 403) ends the command too.
    const watch = setInterval(() => {
      if (!service.stream.current()) {
        clearInterval(watch);
        resolve(undefined);
      }
    }, 500);
  });
  clearInterval(status);
  const stats = await service.stream.statistics();
  const run = ended ?? stats.runs[0];
  process.stdout.write(
    `\n${run ? `run ended (${('endReason' in run && run.endReason) || 'stopped'}): ` : ''}` +
      `${ended ? statusLine(ended) : ''}\nall runs: ${stats.amount} messages in ${stats.elapsed_time} s, ${stats.speed.toFixed(3)}/s\n`,
  );
  await service.stop();
  return run?.endReason && !['stopped', 'shutdown'].includes(run.endReason) ? 1 : 0;
}

const statusLine = (run: RunSnapshot) =>
  `received ${run.amount}, stored ${run.stored}, duplicates ${run.duplicates}, lost ${run.lost}, reconnects ${run.reconnects}${run.connected || run.endedAt ? '' : ' (disconnected)'}`;

runToExitCode(main, 'stream failed');
