import { Router, type RequestHandler, type Response } from 'express';
import type { Store } from '../../repositories/store';
import type { Collector } from '../../collector/collector';
import { methodNotAllowed } from '../../errors';
import { deleteEverything } from '../../repositories/post-writer';
import { restoreAnswer } from './restore-answer';

const ALLOWED = ['GET', 'DELETE'];

/** Aborted when the client goes away before its answer is written. */
function clientGone(res: Response): AbortSignal {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone.signal;
}

export function databaseRoutes(
  store: Store,
  collector: Collector,
  /** the app's one admin guard (adminGuard) */
  guard: RequestHandler[],
): Router {
  const router = Router();
  router
    .route('/database')
    // Express answers HEAD with the GET handler unless told: that would run a whole collection.
    .head(methodNotAllowed(ALLOWED))
    .get(...guard, async (_req, res) => {
      res.json(restoreAnswer(await collector.run('request', clientGone(res))));
    })
    .delete(...guard, async (_req, res) => {
      await collector.reset(() => deleteEverything(store), clientGone(res));
      res.json({ message: 'database has been dropped' });
    })
    .all(methodNotAllowed(ALLOWED));
  return router;
}
