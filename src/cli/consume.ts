import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ConfigError, loadConfig } from '../config';
import { consumeEvents } from '../events/consumer';
import { describeNatsError, natsServers } from '../events/nats';
import { runToExitCode } from './exit';

const USAGE = "usage: npm run consume -- [--subject 'twitter.posts.>'] [--durable name]";

/**
 * `npm run consume`: the events of a subject through a durable consumer, one JSON line per event on
 * stdout (pipe it anywhere), each acknowledged after it was written; run again with the same
 * `--durable`, it resumes where it stopped. Messages about the consumer go to stderr.
 */
async function main(): Promise<number> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  if (!config.events) {
    process.stderr.write(`NATS_URL is not set: there are no events to consume\n${USAGE}\n`);
    return 2;
  }
  const { values } = parseArgs({
    options: { subject: { type: 'string' }, durable: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const subject = values.subject ?? `${config.events.subjectPrefix}.>`;
  const durable = values.durable ?? 'twitter-api-consume';
  if (!/^[A-Za-z0-9_-]+$/.test(durable)) {
    process.stderr.write(`--durable: letters, digits, _ and - only\n${USAGE}\n`);
    return 2;
  }
  const events = config.events;
  // What is wrong with NATS is one line (runToExitCode prints a ConfigError's message alone).
  const natsProblem = (error: unknown) => new ConfigError(describeNatsError(error, events.url));
  const nc = await Promise.resolve()
    .then(() => connect({ servers: natsServers(events.url), name: `consume-${durable}` }))
    .catch((error: unknown) => {
      throw natsProblem(error);
    });
  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  process.stderr.write(`consuming ${subject} from stream ${events.stream} as durable ${durable}\n`);
  try {
    await consumeEvents({
      js: jetstream(nc),
      jsm: await jetstreamManager(nc),
      stream: events.stream,
      subject,
      durable,
      signal: stopping.signal,
      onEvent: (payload) => writeLine(payload),
    });
  } catch (error) {
    throw natsProblem(error);
  } finally {
    // The last acknowledgements reach the server before the process ends.
    await nc.drain().catch(() => undefined);
  }
  return 0;
}

function writeLine(payload: string): Promise<void> {
  return new Promise((resolve, reject) =>
    process.stdout.write(`${payload}\n`, (error) => (error ? reject(error) : resolve())),
  );
}

runToExitCode(main, 'consuming failed');
