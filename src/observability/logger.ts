import type { Writable } from 'node:stream';
import winston from 'winston';
import { redact, requestContext, serialiseErrors } from './log-format';
import { LogstashShipper } from './logstash-shipper';

export interface LoggerOptions {
  level: string;
  logstash?: { host: string; port: number; queueLimit: number };
  /** strings never to write: tokens and secrets from the configuration */
  secrets: string[];
  /** where console lines go; stdout unless told */
  console?: Writable;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
}

export interface Logs {
  logger: winston.Logger;
  transportStats(): { connected: boolean; dropped: number };
  /** Drains the Logstash queue within the time limit. */
  close(timeoutMs: number): Promise<void>;
}

/** JSON lines on the console always, and to Logstash when a host is configured. */
export function createLogger(options: LoggerOptions): Logs {
  const shipper = options.logstash
    ? new LogstashShipper({ ...options.logstash, reconnect: options.reconnect })
    : undefined;
  const logger = winston.createLogger({
    level: options.level,
    defaultMeta: { service: 'twitter-api' },
    format: winston.format.combine(
      winston.format.timestamp(),
      requestContext(),
      serialiseErrors(),
      redact({ secrets: options.secrets }),
      winston.format.json(),
    ),
    transports: [new winston.transports.Stream({ stream: options.console ?? process.stdout }), ...(shipper ? [shipper] : [])],
    exitOnError: false,
  });
  return {
    logger,
    transportStats: () => shipper?.stats() ?? { connected: false, dropped: 0 },
    close: async (timeoutMs) => shipper?.drain(timeoutMs),
  };
}
