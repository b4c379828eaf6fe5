import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { methodNotAllowed } from '../../errors';

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
        await dataSource.query('SELECT 1');
        res.json({ status: 'ready', checks: { database: 'ok' } });
      } catch (error) {
        res.status(503).json({ status: 'not ready', checks: { database: `failed: ${(error as Error).message}` } });
      }
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}
