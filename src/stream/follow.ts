import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { Clock } from '../clock';
import type { StreamConfig } from '../config';
import type { AppMetrics } from '../observability/metrics';
import { isTransientDatabaseError } from '../repositories/busy-retry';
import { saveRun } from '../repositories/stream-runs';
import { releaseRun } from '../repositories/stream-runs-shared';
import { createBatchWriter } from './batch-writer';
import { connectUntilEnd } from './connections';
import { outboxGate } from './outbox-gate';
import { writeBacklogGate } from './write-backlog-gate';
import type { ActiveRun } from './run';
import type { RunCounters } from './run-counting';
import type { StreamSource } from './types';
import type { UnsavedEnds } from './unsaved-ends';

export interface StreamRunnerDeps {
  store: Store;
  source: StreamSource;
  logger: Logger;
  metrics: AppMetrics;
  config: StreamConfig;
  /** how often a run's counters are saved (its heartbeat in the database) */
  progressIntervalMs?: number;
  /** how often a connected run checks that the outbox has room (events on) */
  outboxCheckMs?: number;
  /** the run's times, its heartbeat timer and how long it waits for others */
  clock: Clock;
}

type FollowDeps = StreamRunnerDeps & { unsavedEnds: UnsavedEnds };

/**
 * A launched run from its first connection to its end: posts written in batches, its counters saved
 * as its heartbeat, and its end saved and logged. `onEnded` runs once it is no longer the active run.
 */
export async function followRun(
  deps: FollowDeps,
  run: ActiveRun,
  count: RunCounters,
  onEnded: () => void,
): Promise<void> {
  const { store, source, logger, config } = deps;
  logger.info(`stream run started on ${run.track.join(', ')} from the ${source.name} source`, {
    event: 'stream.start',
    track: run.track,
    source: source.name,
  });
  const writer = createBatchWriter({
    store,
    logger,
    batchMs: config.batchMs,
    batchSize: config.batchSize,
    clock: deps.clock,
    signal: run.signal,
    onFlushed: (result) => count.flushed(run, result),
    onBacklog: (posts) => deps.metrics.streamWriteBacklog.set(posts),
  });
  const progress = deps.clock.setInterval(
    () => saveRun(store, run.id, run.progress()).catch(() => undefined),
    deps.progressIntervalMs ?? 1000,
  );
  try {
    // Without NATS_URL the outbox never fills: no gate, no check.
    const gates = [
      ...(store.outbox ? [outboxGate(store, deps.outboxCheckMs)] : []),
      writeBacklogGate(writer, config.maxQueuedPosts),
    ];
    await connectUntilEnd({ ...deps, gates }, run, count, (message) => {
      const tags = count.received(run, message);
      if (tags.length > 0) writer.add(message, tags);
    });
  } finally {
    deps.clock.clearInterval(progress);
    await writer.flush();
    await finish(deps, run, onEnded);
  }
}

async function finish(deps: FollowDeps, run: ActiveRun, onEnded: () => void): Promise<void> {
  const { metrics } = deps;
  if (run.leaving) return leave(deps, run, onEnded);
  run.endedMs = deps.clock.now();
  run.endReason ??= 'stopped';
  try {
    await saveEnd(deps, run, { endedAt: new Date(run.endedMs).toISOString(), reason: run.endReason });
  } finally {
    onEnded();
    metrics.streamActive.set(0);
    metrics.streamConnected.set(0);
  }
  const snapshot = run.snapshot();
  deps.logger.info(
    `stream run ended (${run.endReason}): ${snapshot.amount} received, ${snapshot.stored} stored, ${snapshot.duplicates} duplicates, ${snapshot.lost} lost, ${snapshot.reconnects} reconnects`,
    { event: 'stream.end', end_reason: run.endReason, ...snapshot },
  );
}

/** The run goes on without this replica: its counters saved for the next holder, unless it ended elsewhere. */
async function leave(deps: FollowDeps, run: ActiveRun, onEnded: () => void): Promise<void> {
  onEnded();
  deps.metrics.streamActive.set(0);
  deps.metrics.streamConnected.set(0);
  run.connected = false;
  if (run.leaving === 'release') {
    await saveRun(deps.store, run.id, run.progress());
    await releaseRun(deps.store, run.id, run.holder);
  }
  deps.logger.info(
    `stream run ${run.leaving === 'release' ? 'left to the next holder' : 'ended elsewhere'}`,
    {
      event: 'stream.left',
      reason: run.leaving,
      holder: run.holder,
    },
  );
}

/** Saves the run's end; while the database is down or locked, leaves it to be saved once it answers. */
async function saveEnd(
  deps: FollowDeps,
  run: ActiveRun,
  end: { endedAt: string; reason: string },
): Promise<void> {
  const save = () => saveRun(deps.store, run.id, { ...run.progress(run.endedMs), track: run.track }, end);
  try {
    await save();
  } catch (error) {
    // The run has stopped all the same: /stop and shutdown must not wait for the database.
    if (!isTransientDatabaseError(error)) throw error;
    deps.logger.warn(
      `the end of the stream run is not saved (${error.message}); saved once the database answers`,
      {
        event: 'stream.end_unsaved',
      },
    );
    deps.unsavedEnds.add(run.id, save);
  }
}
