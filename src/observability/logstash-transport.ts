import TransportStream from 'winston-transport';
import WinstonLogstash from 'winston-logstash/lib/winston-logstash-latest';
import { DEFAULT_RECONNECT, reconnectDelayMs, type ReconnectOptions } from './reconnect-delay';

export interface LogstashOptions {
  host: string;
  port: number;
  /** lines kept, sent or not yet, while Logstash is slow or away; the oldest are dropped beyond it */
  queueLimit: number;
  reconnect?: ReconnectOptions;
}

export interface LogstashStats {
  connected: boolean;
  dropped: number;
  queued: number;
}

/** The line winston's json format wrote, the same one the console gets. */
const MESSAGE = Symbol.for('message');
/** Lines handed to winston-logstash at once: it holds each until its socket has written it. */
const MAX_IN_FLIGHT = 64;

/**
 * Ships JSON lines through winston-logstash, one library instance per connection attempt.
 *
 * Left to itself the library kills the process when Logstash is absent (an unhandled 'error' after
 * 4 retries), goes silent for good once an 'error' handler exists, keeps winston's callback until a
 * line is written (an outage then pauses every transport, console included), queues without bound,
 * retries on a timer that is neither jittered nor unref'd (it keeps an idle process alive), and
 * throws out of `logger.info()` on a BigInt. So it is never asked to retry: with
 * `max_connect_retries: 0` a refused or lost connection is reported once, through 'error', and the
 * instance is dropped. This class owns everything else: the bounded queue, backoff with jitter on
 * an unref'd timer, the connected flag, and the flush on close.
 */
export class LogstashTransport extends TransportStream {
  private readonly queue: string[] = [];
  /** handed to the current connection, not yet written; sent again if it is lost first */
  private inFlight: string[] = [];
  private connection: WinstonLogstash | undefined;
  private connected = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnects = true;
  private acceptsLines = true;
  private dropped = 0;

  constructor(private readonly options: LogstashOptions) {
    super();
    this.connect();
  }

  /** Never waits: a slow or absent Logstash must not pause winston, whose other transports share the pipe. */
  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    if (!this.acceptsLines) this.dropped += 1;
    else this.enqueue(String(info[MESSAGE]));
    callback();
  }

  stats(): LogstashStats {
    return {
      connected: this.connected,
      dropped: this.dropped,
      queued: this.queue.length + this.inFlight.length,
    };
  }

  /** Sends what is queued while a connection lasts, for at most `timeoutMs`, then disconnects for good. */
  async flushAndClose(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    this.reconnects = false;
    if (this.retryTimer && this.queue.length > 0) {
      // One last attempt now rather than after a backoff that may outlast the time limit.
      clearTimeout(this.retryTimer);
      this.connect();
    }
    while (this.queue.length + this.inFlight.length > 0 && this.connection && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    this.close();
  }

  override close(): void {
    this.reconnects = false;
    this.acceptsLines = false;
    clearTimeout(this.retryTimer);
    this.connection?.close();
    this.connection = undefined;
    this.connected = false;
  }

  private enqueue(line: string): void {
    if (this.queue.length + this.inFlight.length >= this.options.queueLimit) {
      this.dropped += 1;
      // What is in flight cannot be taken back, so with a tiny limit the new line goes instead.
      if (this.queue.length === 0) return;
      this.queue.shift();
    }
    this.queue.push(line);
    this.send();
  }

  private connect(): void {
    this.retryTimer = undefined;
    let connection: WinstonLogstash;
    try {
      connection = new WinstonLogstash({
        host: this.options.host,
        port: this.options.port,
        max_connect_retries: 0,
      });
    } catch {
      // A connect that fails synchronously reports before any handler can be attached.
      this.scheduleReconnect();
      return;
    }
    this.connection = connection;
    connection.on('error', () => this.lost(connection));
    connection.manager.once('connected', () => {
      if (connection !== this.connection) return;
      this.connected = true;
      this.failures = 0;
      this.send();
    });
  }

  private send(): void {
    const connection = this.connection;
    while (connection && this.connected && this.inFlight.length < MAX_IN_FLIGHT && this.queue.length > 0) {
      const line = this.queue.shift()!;
      this.inFlight.push(line);
      // Parsed back so the library's own JSON.stringify writes exactly the console's line.
      connection.log(JSON.parse(line) as object, () => this.written(connection));
    }
  }

  private written(connection: WinstonLogstash): void {
    if (connection !== this.connection) return;
    this.inFlight.shift();
    this.send();
  }

  private lost(connection: WinstonLogstash): void {
    if (connection !== this.connection) return;
    connection.close();
    this.connection = undefined;
    this.connected = false;
    this.queue.unshift(...this.inFlight.splice(0));
    if (this.reconnects) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delayMs = reconnectDelayMs(this.failures, this.options.reconnect ?? DEFAULT_RECONNECT);
    this.failures += 1;
    this.retryTimer = setTimeout(() => this.connect(), delayMs);
    // A pending reconnect is no reason for the process to stay alive.
    this.retryTimer.unref();
  }
}
