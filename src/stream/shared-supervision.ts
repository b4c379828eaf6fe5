import { holderIsDead } from '../lease-holder';
import { endUnheldRun, openRun, type OpenRun } from '../repositories/stream-runs-shared';
import type { StreamRunnerDeps } from './follow';
import type { LocalRuns } from './local-runs';
import { savedCounters, type RunSnapshot } from './run';

/** What supervising the deployment's run needs of the shared control's dependencies. */
export interface SupervisionDeps extends Pick<StreamRunnerDeps, 'store' | 'logger' | 'metrics' | 'clock'> {
  local: LocalRuns;
  lease: { isLeader(): boolean };
  holder: string;
}

/**
 * One look at the deployment's run: its holder follows its terms and a stop asked elsewhere, and gives
 * it up once it no longer holds the lease; the lease holder takes up a run nobody live holds.
 */
export async function superviseRun(deps: SupervisionDeps, { staleMs }: { staleMs: number }): Promise<void> {
  const { store, local, lease, holder, metrics } = deps;
  const row = await openRun(store);
  const unheld = row !== undefined && row.holder !== holder && isGone(row, deps, staleMs);
  metrics.streamUnheldSeconds.set(unheld ? (deps.clock.now() - Date.parse(row.lastHeartbeatAt)) / 1000 : 0);
  const mine = local.active();
  if (mine) {
    if (!row || row.id !== mine.id || (row.holder !== null && row.holder !== holder)) {
      await handOver(deps, 'ended_elsewhere', () => local.abandon());
    } else if (row.stopRequested) {
      await local.stop(row.stopRequested);
    } else if (!lease.isLeader()) {
      await handOver(deps, 'lease_lost', () => local.release());
    } else if (row.track.join('\n') !== mine.track.join('\n')) {
      mine.track = row.track;
    }
    return;
  }
  if (!row || (row.holder !== null && !unheld)) return;
  if (row.stopRequested) return void (await endUnheldRun(store, row.id, row.stopRequested));
  if (lease.isLeader()) await takeUp(deps, row);
}

/** Takes up a run just launched, released by its holder, or whose holder is gone, counting the handover. */
async function takeUp(deps: SupervisionDeps, row: OpenRun): Promise<void> {
  const launched = row.holder === null && row.lastHeartbeatAt === row.startedAt;
  const reason = launched ? undefined : row.holder === null ? 'handover' : 'holder_lost';
  const run = await deps.local.adopt(row, reason);
  if (!run || !reason) return;
  deps.metrics.streamHandovers.inc({ reason });
  deps.logger.warn(`stream run taken up from ${row.holder ?? 'its last holder'} (${reason})`, {
    event: 'stream.handover',
    reason,
    run_id: row.id,
    previous_holder: row.holder,
    holder: deps.holder,
    gap_ms: deps.clock.now() - Date.parse(row.lastHeartbeatAt),
  });
}

async function handOver(deps: SupervisionDeps, reason: string, leave: () => Promise<unknown>) {
  deps.metrics.streamHandovers.inc({ reason });
  await leave();
}

/** No live replica follows it: none was given it, or its holder's heartbeat stopped. */
export function isGone(
  row: OpenRun,
  deps: Pick<SupervisionDeps, 'holder' | 'clock'>,
  staleMs: number,
): boolean {
  if (row.holder === null) return true;
  return (
    deps.clock.now() - Date.parse(row.lastHeartbeatAt) > staleMs || holderIsDead(row.holder, deps.holder)
  );
}

/** The open (or just ended) run as its holder last saved it, for /statistics and /stop anywhere. */
export function snapshotOf(row: OpenRun, staleMs: number, nowMs: number): RunSnapshot {
  const live = row.endedAt === null;
  const fresh = nowMs - Date.parse(row.lastHeartbeatAt) <= staleMs;
  return {
    id: row.id,
    track: row.track,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    elapsedMs: live ? nowMs - Date.parse(row.startedAt) : row.elapsedMs,
    ...savedCounters(row),
    connected: live && fresh && row.connected,
    endReason: row.endReason,
  };
}
