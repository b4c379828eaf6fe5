import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { pingDatabase } from '../../database';
import { AppError, methodNotAllowed } from '../../errors';

export function healthRoutes(dataSource: DataSource): Router {
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
        await pingDatabase(dataSource);
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
