import type { Writable } from 'node:stream';
import winston from 'winston';
import { lineFormat } from './log-format';
import { LogstashTransport, type LogstashStats } from './logstash-transport';
import type { ReconnectOptions } from './reconnect-delay';

export interface LoggerOptions {
  level: string;
  /** Logstash's tcp input with the json_lines codec; lines are shipped only when a host is given */
  logstash?: { host?: string; port: number; queueLimit: number };
  /** strings never to write: tokens and secrets from the configuration */
  secrets: readonly string[];
  /** where console lines go; stdout unless told */
  console?: Writable;
  /** backoff between attempts to reach Logstash; tests shorten it */
  reconnect?: ReconnectOptions;
}

export interface Logs {
  logger: winston.Logger;
  transportStats(): LogstashStats;
  /** Sends the lines still queued for Logstash, for at most `timeoutMs`, then disconnects. */
  close(timeoutMs: number): Promise<void>;
}

/** JSON lines on the console always, and to Logstash when a host is configured. */
export function createLogger(options: LoggerOptions): Logs {
  const { host, port, queueLimit } = options.logstash ?? {};
  const logstash =
    host && port !== undefined && queueLimit !== undefined
      ? new LogstashTransport({ host, port, queueLimit, reconnect: options.reconnect })
      : undefined;
  const logger = winston.createLogger({
    level: options.level,
    defaultMeta: { service: 'twitter-api' },
    format: lineFormat(options.secrets),
    transports: [
      new winston.transports.Stream({ stream: options.console ?? process.stdout }),
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
