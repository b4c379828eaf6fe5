import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Collector } from '../../collector/collector';
import type { RunSummary } from '../../collector/summary';
import { AppError, methodNotAllowed } from '../../errors';
import { deleteEverything } from '../../repositories/post-writer';
import { limitFailedAdminAuth, requireAdmin } from './admin-auth';

export function databaseRoutes(
  dataSource: DataSource,
  collector: Collector,
  admin: { token: string; maxFailedAuth: number },
): Router {
  const router = Router();
  const guard = [limitFailedAdminAuth(admin.maxFailedAuth), requireAdmin(admin.token)];
  router
    .route('/database')
    .get(...guard, async (_req, res) => {
      const summary = await collector.run('request');
      if (summary.error !== null) {
        throw new AppError(502, summary.error, { body: { summary } });
      }
      res.json({ message: 'database has been restored', collected: collectedPerTag(summary), summary });
    })
    .delete(...guard, async (_req, res) => {
      await collector.stop();
      await deleteEverything(dataSource);
      res.json({ message: 'database has been dropped' });
    })
    .all(methodNotAllowed(['GET', 'HEAD', 'DELETE']));
  return router;
}

function collectedPerTag(summary: RunSummary): Record<string, number> {
  return Object.fromEntries(summary.tags.map((tag) => [tag.tag, tag.new_posts]));
}
