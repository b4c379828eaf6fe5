import type { RequestHandler } from 'express';
import type { Store } from '../../repositories/store';
import { badRequest } from '../../errors';
import { postsPerLanguage, postsPerQuarterHourBetween } from '../../repositories/aggregate-reader';
import type { ReadCache } from '../../repositories/read-cache';
import {
  filteredPostsPerLanguage,
  filteredPostsPerQuarterHour,
  isFiltered,
} from '../../repositories/filtered-reader';
import { sendCached } from '../cached-response';
import { filterKey, postFilterOf } from './filters';
import { parseQuery } from '../validation';
import {
  bucketRange,
  bucketStarts,
  countPerBucket,
  instantOf,
  localIso,
  MAX_BUCKETS,
  QUARTER_MS,
  type BucketRange,
  type Interval,
} from './over-time';
import { overTimeQuery, perLanguageQuery } from './contract';

/** `GET /tweets_per_language`: one counter table read, or a count of the matching posts; cached until the next write. */
export function perLanguageRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    const filter = postFilterOf(parseQuery(perLanguageQuery, req.query));
    // Without a filter or with a tag alone, the counters answer, under the key they always had.
    const fromCounters = !isFiltered({ ...filter, tag: undefined });
    const key = fromCounters ? `per_language:${filter.tag ?? ''}` : `per_language:${filterKey(filter)}`;
    const answer = await cache.json(key, async () => {
      const rows = fromCounters
        ? await postsPerLanguage(store, filter.tag)
        : await filteredPostsPerLanguage(store, filter);
      return { tweets_per_language: rows.map((row) => ({ lang: row.lang, tweets: row.posts })) };
    });
    sendCached(req, res, answer);
  };
}

const DEFAULT_SPAN_MS: Record<Interval, number> = { hour: 24 * 3_600_000, day: 30 * 86_400_000 };

/** The buckets a request asks for, or a 400 naming what is wrong. */
function planBuckets(interval: Interval, tz: string, given: { from?: string; to?: string }): BucketRange {
  const to = given.to === undefined ? Date.now() : instantOf(given.to, tz);
  const from = given.from === undefined ? to - DEFAULT_SPAN_MS[interval] : instantOf(given.from, tz);
  if (!(from < to)) throw badRequest('from: must be before to');
  const buckets = bucketRange({ from, to, interval, timeZone: tz });
  if (buckets === 'too many')
    throw badRequest(
      `from: the range holds more than ${MAX_BUCKETS} ${interval}s; narrow it or use a longer interval`,
    );
  return buckets;
}

/**
 * `GET /tweets_over_time`: reads at most 96 counter rows per day of range, whatever the number of posts.
 * Keyed by the buckets (the first and their number), not by the text of from and to: every spelling of
 * one range, and every time inside the same first and last bucket, is one cache entry; the days' starts
 * (a time-zone look-up each) are worked out only for an answer not cached.
 */
export function overTimeRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    const { interval, tz, tag, lang, ...given } = parseQuery(overTimeQuery, req.query);
    const range = planBuckets(interval, tz, given);
    const languageKey = lang === undefined ? '' : `:${lang}`;
    const answer = await cache.json(
      `over_time:${interval}:${tz}:${tag ?? ''}:${range.first}:${range.count}${languageKey}`,
      async () => {
        const buckets = bucketStarts(range);
        const quarters = await quarterCounts(store, buckets, { tag, lang });
        const counts = countPerBucket(buckets.starts, quarters);
        return {
          tweets_over_time: buckets.starts.map((start, index) => ({
            start: localIso(tz, start),
            tweets: counts[index]!,
          })),
        };
      },
    );
    sendCached(req, res, answer);
  };
}

/** The quarter-hour counts of the buckets' span: from the counters, or from the posts of one language. */
async function quarterCounts(
  store: Store,
  buckets: { starts: number[]; end: number },
  filter: { tag?: string; lang?: string },
): Promise<{ bucket: number; posts: number }[]> {
  const start = buckets.starts[0]!;
  if (filter.lang === undefined)
    return postsPerQuarterHourBetween(store, {
      fromBucket: Math.floor(start / QUARTER_MS),
      toBucket: Math.ceil(buckets.end / QUARTER_MS),
      tag: filter.tag,
    });
  return filteredPostsPerQuarterHour(store, {
    ...filter,
    from: new Date(start).toISOString(),
    to: new Date(buckets.end).toISOString(),
  });
}
