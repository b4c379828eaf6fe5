import express, { Router, type RequestHandler } from 'express';
import { AppError, badRequest, methodNotAllowed } from '../../errors';
import type { RunSnapshot, StreamControl, StreamStatistics } from '../../stream/control';
import { normaliseTerms } from '../../stream/control';
import { launchBody, type WireCurrentRun, type WireRun } from './contract';

/** POST /launch, POST /stop (admin) and GET /statistics, as the Nameko stream logger answers them. */
/** `guard`: the app's one admin guard (adminGuard), shared with /database. */
export function streamRoutes(stream: StreamControl, guard: RequestHandler[]): Router {
  const router = Router();
  const json = express.json({ limit: '16kb', strict: true, type: () => true });
  router
    .route('/launch')
    .post(...guard, json, async (req, res) => {
      const track = normaliseTerms(parseBody(req.body));
      const { runId, replaced } = await stream.launch(track);
      res.json({ process_started: true, run_id: runId, replaced, track });
    })
    .all(methodNotAllowed(['POST']));
  router
    .route('/stop')
    .post(...guard, async (_req, res) => {
      const run = await stream.stop();
      if (!run) throw new AppError(409, 'no stream run is active; POST /launch starts one');
      res.json({ process_stopped: true, run_id: run.id, run: currentWire(run) });
    })
    .all(methodNotAllowed(['POST']));
  router
    .route('/statistics')
    .get(async (_req, res) => {
      res.json(statisticsWire(await stream.statistics()));
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}

function parseBody(body: unknown): string[] {
  const parsed = launchBody.safeParse(body ?? {});
  if (parsed.success) return parsed.data.track;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') throw badRequest(`unknown field(s): ${issue.keys.join(', ')}`);
  const name = issue.path.length ? issue.path.map(String).join('.') : 'body';
  throw badRequest(`${name}: ${issue.message}`);
}

function statisticsWire(statistics: StreamStatistics) {
  return {
    amount: statistics.amount,
    speed: statistics.speed,
    elapsed_time: statistics.elapsed_time,
    current: statistics.current && currentWire(statistics.current),
    runs: statistics.runs.map(runWire),
  };
}

function runWire(run: StreamStatistics['runs'][number] | RunSnapshot): WireRun {
  return {
    id: run.id,
    track: run.track,
    started_at: run.startedAt,
    ended_at: run.endedAt,
    elapsed_time: Math.floor(run.elapsedMs / 1000),
    amount: run.amount,
    stored: run.stored,
    duplicates: run.duplicates,
    lost: run.lost,
    reconnects: run.reconnects,
    end_reason: run.endReason,
  };
}

function currentWire(run: RunSnapshot): WireCurrentRun {
  return {
    ...runWire(run),
    malformed: run.malformed,
    reconnects_by_reason: run.reconnectsByReason,
    connected: run.connected,
  };
}
