import TransportStream from 'winston-transport';
import LogstashTransport from 'winston-logstash/lib/winston-logstash-latest';

export interface ShipperOptions {
  host: string;
  port: number;
  /** lines kept while Logstash is unreachable; the oldest are dropped beyond it */
  queueLimit: number;
  reconnect?: { initialDelayMs: number; maxDelayMs: number };
}

/** Lines handed to winston-logstash at once: it keeps them until written, even across a reconnect. */
const MAX_IN_FLIGHT = 64;

/**
 * winston-logstash's transport, made safe to run beside a service. On its own it kills the process
 * when Logstash is absent (an unhandled 'error'), goes silent for good after its retries, holds
 * winston's callback until a line is written (so an outage pauses every transport, console
 * included), and queues without bound. Here: winston's callback returns at once, lines wait in a
 * bounded queue (oldest dropped and counted), reconnection never gives up (exponential backoff),
 * and the inner transport is replaced if it ever goes silent.
 */
export class LogstashShipper extends TransportStream {
  private readonly queue: object[] = [];
  private inner!: LogstashTransport;
  private inFlight = 0;
  private connected = false;
  private stopped = false;
  dropped = 0;

  constructor(private readonly options: ShipperOptions) {
    super();
    this.start();
  }

  override log(info: object, callback: () => void): void {
    if (this.queue.length >= this.options.queueLimit) {
      this.queue.shift();
      this.dropped += 1;
    }
    this.queue.push(info);
    this.pump();
    callback();
  }

  stats(): { connected: boolean; dropped: number; queued: number } {
    return { connected: this.connected, dropped: this.dropped, queued: this.queue.length + this.inFlight };
  }

  /** Waits until every queued line is written or the time is up, then disconnects. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.queue.length + this.inFlight > 0 && this.connected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.stopped = true;
    this.inner.close();
  }

  override close(): void {
    this.stopped = true;
    this.inner.close();
  }

  private start(): void {
    const { host, port, reconnect = { initialDelayMs: 500, maxDelayMs: 30_000 } } = this.options;
    this.inner = new LogstashTransport({
      host,
      port,
      retryStrategy: {
        strategy: 'exponentialBackoff',
        maxConnectRetries: -1,
        initialDelayMs: reconnect.initialDelayMs,
        maxDelayBeforeRetryMs: reconnect.maxDelayMs,
      },
    });
    this.inner.manager.on('connected', () => {
      this.connected = true;
      this.pump();
    });
    for (const event of ['retrying', 'closed']) this.inner.manager.on(event, () => (this.connected = false));
    this.inner.on('error', () => {
      // Only a non-retryable error gets here, and the inner transport is then silent for good.
      this.connected = false;
      if (this.stopped) return;
      this.inner.close();
      setTimeout(() => this.start(), reconnect.maxDelayMs).unref();
    });
  }

  private pump(): void {
    while (this.connected && this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const info = this.queue.shift()!;
      this.inFlight += 1;
      this.inner.log(info, () => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }
}
