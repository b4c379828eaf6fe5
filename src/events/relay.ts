import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import { jitteredBackoffMs, type BackoffLimits } from '../backoff';
import type { AppMetrics } from '../observability/metrics';
import {
  deleteOutboxRows,
  onOutboxWritten,
  outboxState,
  readOutbox,
  type QueuedWrite,
} from '../repositories/outbox';
import type { PublishBatch } from './publish-batch';

export interface RelayOptions {
  store: Store;
  logger: Logger;
  metrics: AppMetrics['events'];
  /** the current connection's publish; undefined while NATS is not connected */
  publisher: () => PublishBatch | undefined;
  maxRows: number;
  /** events read and published at once (pipelined, in order): whole rows, at least one */
  batchSize?: number;
  /** the fallback when no after-commit notification came (another process wrote: `npm run collect`) */
  pollMs?: number;
  backoff?: BackoffLimits;
  /** PostgreSQL with replicas: true only on the collector leader (one relay per database) */
  mayRelay?: () => boolean;
}

export interface OutboxRelay {
  start(): void;
  /** Ends after the cycle in progress; what is left stays in the outbox for the next start. */
  stop(): Promise<void>;
  /** NATS is connected (again): a relay backing off tries at once. */
  connected(): void;
}

type Cycle = 'idle' | 'more' | 'failed';

interface RelayState {
  failures: number;
  full: boolean;
  /** when the depth was last counted */
  observedAt: number;
}

/**
 * Publishes the outbox in order, deleting rows only after JetStream's acknowledgement (the row id is
 * the message id, so a row published twice after a lost ack or a crash is stored once). Wakes on each
 * commit that wrote to the outbox, polls as a fallback, and backs off while NATS is unreachable.
 */
export function createOutboxRelay(options: RelayOptions): OutboxRelay {
  const { batchSize = 1000, pollMs = 1000, backoff = { baseMs: 100, maxMs: 5000 } } = options;
  const stopping = new AbortController();
  const state: RelayState = { failures: 0, full: false, observedAt: 0 };
  let loop: Promise<void> | undefined;
  let unsubscribe = () => undefined as void;

  // A commit while a cycle runs is not lost: the next wait returns at once.
  const waits = { pending: false, backoff: false, wake: () => undefined as void };
  const wait = (ms: number, kind: 'idle' | 'backoff') =>
    new Promise<void>((resolve) => {
      if (kind === 'idle' && waits.pending) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        waits.wake = () => undefined;
        resolve();
      }
      waits.backoff = kind === 'backoff';
      waits.wake = done;
      stopping.signal.addEventListener('abort', done);
    });

  const run = async () => {
    while (!stopping.signal.aborted) {
      waits.pending = false;
      const cycle = await relayOnce(options, batchSize, state).catch((error: unknown) => {
        options.logger.error('the outbox relay failed to read or delete rows', {
          event: 'outbox.error',
          error,
        });
        return 'failed' as const;
      });
      if (cycle === 'failed') await wait(jitteredBackoffMs(state.failures - 1, backoff), 'backoff');
      else if (cycle === 'idle') await wait(pollMs, 'idle');
    }
  };

  /** A commit wakes an idle relay; only a new connection cuts a backoff short (no retry per commit). */
  const wake = (reason: 'commit' | 'connected') => {
    if (reason === 'commit') waits.pending = true;
    if (reason === 'connected' || !waits.backoff) waits.wake();
  };

  return {
    start() {
      // Posts another replica stored (PostgreSQL LISTEN/NOTIFY) carry their events: the leader's relay
      // wakes for them too, instead of at its next poll.
      const unsubscribers = [
        onOutboxWritten(options.store, () => wake('commit')),
        options.store.postsStored.subscribe(() => wake('commit')),
      ];
      unsubscribe = () => unsubscribers.forEach((each) => each());
      loop ??= run();
    },
    async stop() {
      unsubscribe();
      stopping.abort();
      await loop;
    },
    connected: () => wake('connected'),
  };
}

async function relayOnce(options: RelayOptions, batchSize: number, state: RelayState): Promise<Cycle> {
  if (options.mayRelay && !options.mayRelay()) return 'idle';
  // Counting the outbox reads all of it: once a second is enough for the gauges and the full flag.
  if (Date.now() - state.observedAt >= 1000) {
    await observeDepth(options, state);
    state.observedAt = Date.now();
  }
  // Not connected yet (or given up on): the supervisor says why, and wakes the relay once connected.
  const publish = options.publisher();
  if (!publish) return 'idle';
  const { rows, more } = await readOutbox(options.store, batchSize);
  if (rows.length === 0) return 'idle';
  const events = rows.reduce((sum, row) => sum + row.events, 0);
  const acked = await publish(rows);
  // A row goes once JetStream acknowledged all its events; a row with some left is published again in
  // full, and JetStream drops the copies of those it had stored by message id.
  const done = wholeRows(rows, acked.count);
  if (done.length > 0) {
    await deleteOutboxRows(
      options.store,
      done.map((row) => row.seq),
    );
    options.metrics.published.inc(done.reduce((sum, row) => sum + row.events, 0));
  }
  if (acked.count < events) {
    noteFailure(options, state, acked.error);
    return 'failed';
  }
  if (state.failures > 0) {
    options.logger.info(`publishing events again after ${state.failures} failed attempt(s)`, {
      event: 'events.publish_resumed',
      failures: state.failures,
    });
    state.failures = 0;
  }
  // What was written during this cycle wakes the next at once (the commit notification is kept).
  return more ? 'more' : 'idle';
}

/** The leading rows whose every event is among the first `acknowledged`. */
function wholeRows(rows: QueuedWrite[], acknowledged: number): QueuedWrite[] {
  let events = 0;
  let count = 0;
  while (count < rows.length && events + rows[count]!.events <= acknowledged) {
    events += rows[count]!.events;
    count += 1;
  }
  return rows.slice(0, count);
}

function noteFailure(options: RelayOptions, state: { failures: number }, error = 'unknown'): void {
  options.metrics.publishFailures.inc();
  if (state.failures === 0) {
    options.logger.warn(`publishing events to NATS failed (${error}); the outbox keeps them and retries`, {
      event: 'events.publish_failed',
      error: { message: error },
    });
  }
  state.failures += 1;
}

async function observeDepth(options: RelayOptions, state: { full: boolean }): Promise<void> {
  const { depth, oldest } = await outboxState(options.store);
  options.metrics.outboxDepth.set(depth);
  options.metrics.outboxOldestAge.set(oldest ? Math.max(0, (Date.now() - Date.parse(oldest)) / 1000) : 0);
  const full = depth >= options.maxRows;
  options.metrics.outboxFull.set(full ? 1 : 0);
  if (full === state.full) return;
  state.full = full;
  if (full) {
    options.logger.error(
      `the outbox is full (${depth} events, OUTBOX_MAX_ROWS=${options.maxRows}): collection is paused until NATS takes them`,
      { event: 'outbox.full', depth, max_rows: options.maxRows },
    );
  } else {
    options.logger.info(`the outbox has room again (${depth} events): collection resumes`, {
      event: 'outbox.resumed',
      depth,
    });
  }
}
