/** winston-logstash's winston-3 transport ships no types; this is the part this project uses. */
declare module 'winston-logstash/lib/winston-logstash-latest' {
  import type { EventEmitter } from 'node:events';
  import TransportStream from 'winston-transport';

  export interface WinstonLogstashOptions extends TransportStream.TransportStreamOptions {
    host: string;
    port: number;
    /** attempts before it emits 'error' and goes silent for good; -1 for never; 4 unless told */
    max_connect_retries?: number;
    timeout_connect_retries?: number;
    socket_timeout_ms?: number;
    ssl_enable?: boolean;
  }

  /** Emits 'connected', 'closed', 'retrying', 'closing', 'flushing', and 'error' when it gives up. */
  export type WinstonLogstashManager = EventEmitter;

  /** Connects as soon as it is built; emits 'error' (then stays silent) when the manager gives up. */
  export default class WinstonLogstash extends TransportStream {
    constructor(options: WinstonLogstashOptions);
    manager: WinstonLogstashManager;
    /** JSON.stringify(info) plus '\n'; `callback` runs once the socket has written it, or never. */
    override log(info: object, callback: () => void): void;
    override close(): void;
  }
}
