import type { RequestHandler } from 'express';
import type { Store } from '../../repositories/store';
import { countryName } from '../../geo/country';
import {
  bucketStartMs,
  postsPerCountry,
  postsPerQuarterHour,
  postsPerTagAndLang,
} from '../../repositories/aggregate-reader';
import {
  filteredPostsPerCountry,
  filteredPostsPerQuarterHour,
  filteredPostsPerTagAndLang,
  isFiltered,
} from '../../repositories/filtered-reader';
import type { ReadCache } from '../../repositories/read-cache';
import { sendCached } from '../cached-response';
import { parseQuery } from '../validation';
import { filterKey, postFilterOf } from './filters';
import { countByLocalHour, hourLabel } from './hours';
import { perCountryQuery, perHourQuery, perTagQuery } from './contract';

/**
 * `/tweets_per_hour`, `/tweets_per_tag` and `/tweets_per_country`: from the counters without a filter
 * (the answer and its cache key as they always were), from the matching posts with one.
 */
export function perHourRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    const query = parseQuery(perHourQuery, req.query);
    const filter = postFilterOf(query);
    const filtered = isFiltered(filter);
    const key = filtered ? `per_hour:${query.tz}:${filterKey(filter)}` : `per_hour:${query.tz}`;
    const answer = await cache.json(key, async () => {
      const quarters = filtered
        ? await filteredPostsPerQuarterHour(store, filter)
        : await postsPerQuarterHour(store);
      const buckets = quarters.map((row) => ({ startMs: bucketStartMs(row.bucket), posts: row.posts }));
      const hours = countByLocalHour(buckets, query.tz);
      return { tweets_per_hour: hours.map((tweets, hour) => ({ at_hour: hourLabel(hour), tweets })) };
    });
    sendCached(req, res, answer);
  };
}

export function perTagRoute(
  store: Store,
  configuredTags: readonly string[],
  cache: ReadCache,
): RequestHandler {
  return async (req, res) => {
    const filter = postFilterOf(parseQuery(perTagQuery, req.query));
    const filtered = isFiltered(filter);
    const key = filtered ? `per_tag_lang:${filterKey(filter)}` : 'per_tag_lang';
    const answer = await cache.json(key, async () => {
      const rows = filtered
        ? await filteredPostsPerTagAndLang(store, filter)
        : await postsPerTagAndLang(store);
      const stored = [...new Set(rows.map((row) => row.tag))].filter((tag) => !configuredTags.includes(tag));
      const tags = filter.tag === undefined ? [...configuredTags, ...stored.sort()] : [filter.tag];
      return {
        tweets_per_tags: tags.map((tag) =>
          rows
            .filter((row) => row.tag === tag)
            .map((row) => ({ rash: tag, lang: row.lang, tweets: row.posts })),
        ),
      };
    });
    sendCached(req, res, answer);
  };
}

export function perCountryRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    const filter = postFilterOf(parseQuery(perCountryQuery, req.query));
    const filtered = isFiltered(filter);
    const key = filtered ? `per_country:${filterKey(filter)}` : 'per_country';
    const answer = await cache.json(key, async () => {
      const rows = filtered ? await filteredPostsPerCountry(store, filter) : await postsPerCountry(store);
      return { tweets_per_country: rows.map(countryEntry) };
    });
    sendCached(req, res, answer);
  };
}

/** A per-country row on the wire: the code, its English name, the posts. */
const countryEntry = (row: { country: string | null; posts: number }) => ({
  country: row.country,
  country_name: countryName(row.country),
  tweets: row.posts,
});
