import { Router } from 'express';
import type { Store } from '../../repositories/store';
import { AppError, methodNotAllowed } from '../../errors';

export function healthRoutes(store: Store): Router {
  const router = Router();
  router
    .route('/healthz')
    .get((_req, res) => {
      res.json({ status: 'ok' });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  router
    .route('/readyz')
    .get(async (_req, res) => {
      try {
        await store.ping();
        res.json({ status: 'ready', checks: { database: 'ok' } });
      } catch (error) {
        const database = `failed: ${(error as Error).message}`;
        throw new AppError(503, `not ready: the database check ${database}`, {
          body: { checks: { database } },
        });
      }
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}
