import { Router } from 'express';
import type { Store } from '../../repositories/store';
import { methodNotAllowed } from '../../errors';
import { countryName } from '../../geo/country';
import {
  bucketStartMs,
  postsPerCountry,
  postsPerQuarterHour,
  postsPerTagAndLang,
} from '../../repositories/aggregate-reader';
import type { ReadCache } from '../../repositories/read-cache';
import { sendCached } from '../cached-response';
import { parseQuery } from '../validation';
import { countByLocalHour, hourLabel } from './hours';
import { overTimeRoute, perLanguageRoute } from './summary-routes';
import { perHourQuery } from './contract';

const GET_ONLY = methodNotAllowed(['GET', 'HEAD']);

export function aggregateRoutes(store: Store, configuredTags: readonly string[], cache: ReadCache): Router {
  const router = Router();

  router
    .route('/tweets_per_hour')
    .get(async (req, res) => {
      const { tz } = parseQuery(perHourQuery, req.query);
      const answer = await cache.json(`per_hour:${tz}`, async () => {
        const buckets = (await postsPerQuarterHour(store)).map((row) => ({
          startMs: bucketStartMs(row.bucket),
          posts: row.posts,
        }));
        const hours = countByLocalHour(buckets, tz);
        return { tweets_per_hour: hours.map((tweets, hour) => ({ at_hour: hourLabel(hour), tweets })) };
      });
      sendCached(req, res, answer);
    })
    .all(GET_ONLY);

  router
    .route('/tweets_per_tag')
    .get(async (req, res) => {
      const answer = await cache.json('per_tag_lang', async () => {
        const rows = await postsPerTagAndLang(store);
        const stored = [...new Set(rows.map((row) => row.tag))].filter(
          (tag) => !configuredTags.includes(tag),
        );
        const tags = [...configuredTags, ...stored.sort()];
        return {
          tweets_per_tags: tags.map((tag) =>
            rows
              .filter((row) => row.tag === tag)
              .map((row) => ({ rash: tag, lang: row.lang, tweets: row.posts })),
          ),
        };
      });
      sendCached(req, res, answer);
    })
    .all(GET_ONLY);

  router
    .route('/tweets_per_country')
    .get(async (req, res) => {
      const answer = await cache.json('per_country', async () => {
        const rows = await postsPerCountry(store);
        return { tweets_per_country: rows.map(countryEntry) };
      });
      sendCached(req, res, answer);
    })
    .all(GET_ONLY);

  router.route('/tweets_per_language').get(perLanguageRoute(store, cache)).all(GET_ONLY);
  router.route('/tweets_over_time').get(overTimeRoute(store, cache)).all(GET_ONLY);

  return router;
}

/** A per-country row on the wire: the code, its English name, the posts. */
const countryEntry = (row: { country: string | null; posts: number }) => ({
  country: row.country,
  country_name: countryName(row.country),
  tweets: row.posts,
});
