import { Router } from 'express';
import { methodNotAllowed } from '../../errors';
import type { AppMetrics } from '../../observability/metrics';

export function metricsRoutes(metrics: AppMetrics): Router {
  const router = Router();
  router
    .route('/metrics')
    .get(async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}
