import type { Writable } from 'node:stream';
import winston from 'winston';
import { jsonLine, lineFields } from './log-format';
import { LogstashTransport, type LogstashStats } from './logstash-transport';
import { prettyLine } from './pretty-format';
import type { ReconnectOptions } from './reconnect-delay';

export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level: string;
  /** Logstash's tcp input with the json_lines codec; lines are shipped only when a host is given */
  logstash?: { host?: string; port: number; queueLimit: number };
  /** strings never to write: tokens and secrets from the configuration */
  secrets: readonly string[];
  /** where console lines go; stdout unless told */
  console?: Writable;
  /** console lines as ECS JSON or readable text; unset: readable on a terminal, JSON elsewhere */
  format?: LogFormat;
  /** backoff between attempts to reach Logstash; tests shorten it */
  reconnect?: ReconnectOptions;
}

export interface Logs {
  logger: winston.Logger;
  transportStats(): LogstashStats;
  /** Sends the lines still queued for Logstash, for at most `timeoutMs`, then disconnects. */
  close(timeoutMs: number): Promise<void>;
}

export const SERVICE_NAME = 'twitter-api';

/** ECS JSON lines (or readable ones on a terminal) on the console always, and to Logstash when a host is configured. */
export function createLogger(options: LoggerOptions): Logs {
  const { host, port, queueLimit } = options.logstash ?? {};
  const logstash =
    host && port !== undefined && queueLimit !== undefined
      ? new LogstashTransport({ host, port, queueLimit, reconnect: options.reconnect })
      : undefined;
  const console = options.console ?? process.stdout;
  const isTerminal = (console as { isTTY?: boolean }).isTTY === true;
  const pretty = (options.format ?? (isTerminal ? 'pretty' : 'json')) === 'pretty';
  const logger = winston.createLogger({
    level: options.level,
    // JSON for every transport; the console's own format rewrites it for a person when pretty.
    format: winston.format.combine(lineFields(options.secrets, SERVICE_NAME), jsonLine()),
    transports: [
      new winston.transports.Stream({
        stream: console,
        ...(pretty && { format: prettyLine({ colours: isTerminal }) }),
      }),
      ...(logstash ? [logstash] : []),
    ],
    exitOnError: false,
  });
  return {
    logger,
    transportStats: () => logstash?.stats() ?? { connected: false, dropped: 0, queued: 0 },
    close: async (timeoutMs) => logstash?.flushAndClose(timeoutMs),
  };
}
