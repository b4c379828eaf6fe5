import { Router } from 'express';
import type { Store } from '../../repositories/store';
import { methodNotAllowed } from '../../errors';
import type { ReadCache } from '../../repositories/read-cache';
import { perCountryRoute, perHourRoute, perTagRoute } from './count-routes';
import { overTimeRoute, perLanguageRoute } from './summary-routes';

const GET_ONLY = methodNotAllowed(['GET', 'HEAD']);

export function aggregateRoutes(store: Store, configuredTags: readonly string[], cache: ReadCache): Router {
  const router = Router();

  router.route('/tweets_per_hour').get(perHourRoute(store, cache)).all(GET_ONLY);
  router
    .route('/tweets_per_tag')
    .get(perTagRoute(store, configuredTags, cache))
    .all(GET_ONLY);
  router.route('/tweets_per_country').get(perCountryRoute(store, cache)).all(GET_ONLY);
  router.route('/tweets_per_language').get(perLanguageRoute(store, cache)).all(GET_ONLY);
  router.route('/tweets_over_time').get(overTimeRoute(store, cache)).all(GET_ONLY);

  return router;
}
