import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { methodNotAllowed } from '../../errors';
import {
  bucketStartMs,
  postsPerCountry,
  postsPerQuarterHour,
  postsPerTagAndLang,
} from '../../repositories/aggregate-reader';
import { createReadCache } from '../../repositories/read-cache';
import { parseQuery } from '../validation';
import { countByLocalHour, hourLabel } from './hours';
import { perHourQuery } from './schemas';

const GET_ONLY = methodNotAllowed(['GET', 'HEAD']);

export function aggregateRoutes(dataSource: DataSource, configuredTags: readonly string[]): Router {
  const router = Router();
  const cached = createReadCache(dataSource);

  router
    .route('/tweets_per_hour')
    .get(async (req, res) => {
      const { tz } = parseQuery(perHourQuery, req.query);
      const hours = await cached(`per_hour:${tz}`, async () => {
        const buckets = (await postsPerQuarterHour(dataSource)).map((row) => ({
          startMs: bucketStartMs(row.bucket),
          posts: row.posts,
        }));
        return countByLocalHour(buckets, tz);
      });
      res.json({ tweets_per_hour: hours.map((tweets, hour) => ({ at_hour: hourLabel(hour), tweets })) });
    })
    .all(GET_ONLY);

  router
    .route('/tweets_per_tag')
    .get(async (_req, res) => {
      const rows = await cached('per_tag_lang', () => postsPerTagAndLang(dataSource));
      const stored = [...new Set(rows.map((row) => row.tag))].filter((tag) => !configuredTags.includes(tag));
      const tags = [...configuredTags, ...stored.sort()];
      res.json({
        tweets_per_tags: tags.map((tag) =>
          rows
            .filter((row) => row.tag === tag)
            .map((row) => ({ rash: tag, lang: row.lang, tweets: row.posts })),
        ),
      });
    })
    .all(GET_ONLY);

  router
    .route('/tweets_per_country')
    .get(async (_req, res) => {
      const rows = await cached('per_country', () => postsPerCountry(dataSource));
      res.json({ tweets_per_country: rows.map((row) => ({ country: row.country, tweets: row.posts })) });
    })
    .all(GET_ONLY);

  return router;
}
