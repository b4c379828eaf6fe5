/** winston-logstash's winston-3 transport ships no types; this is the part this project uses. */
declare module 'winston-logstash/lib/winston-logstash-latest' {
  import type { EventEmitter } from 'node:events';
  import TransportStream from 'winston-transport';

  export interface LogstashTransportOptions extends TransportStream.TransportStreamOptions {
    host: string;
    port: number;
    ssl_enable?: boolean;
    socket_timeout_ms?: number;
    retry_transient_errors_only?: boolean;
    max_connect_retries?: number;
    timeout_connect_retries?: number;
    retryStrategy?:
      | { strategy: 'fixedDelay'; maxConnectRetries: number; delayBeforeRetryMs: number }
      | { strategy: 'exponentialBackoff'; maxConnectRetries: number; initialDelayMs: number; maxDelayBeforeRetryMs: number };
  }

  /** Emits 'connected', 'closed', 'retrying', 'error' (then stays silent), 'closing', 'flushing'. */
  export interface LogstashManager extends EventEmitter {
    logQueue: unknown[];
  }

  export default class LogstashTransport extends TransportStream {
    constructor(options: LogstashTransportOptions);
    manager: LogstashManager;
    silent: boolean;
    log(info: unknown, callback: () => void): void;
    close(): void;
  }
}
