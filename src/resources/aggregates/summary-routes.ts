import type { RequestHandler } from 'express';
import type { Store } from '../../repositories/store';
import { badRequest } from '../../errors';
import { postsPerLanguage, postsPerQuarterHourBetween } from '../../repositories/aggregate-reader';
import type { ReadCache } from '../../repositories/read-cache';
import { sendCached } from '../cached-response';
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

/** `GET /tweets_per_language`: one counter table read, cached until the next write. */
export function perLanguageRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    const { tag } = parseQuery(perLanguageQuery, req.query);
    const answer = await cache.json(`per_language:${tag ?? ''}`, async () => {
      const rows = await postsPerLanguage(store, tag);
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
    const { interval, tz, tag, ...given } = parseQuery(overTimeQuery, req.query);
    const range = planBuckets(interval, tz, given);
    const answer = await cache.json(
      `over_time:${interval}:${tz}:${tag ?? ''}:${range.first}:${range.count}`,
      async () => {
        const buckets = bucketStarts(range);
        const quarters = await postsPerQuarterHourBetween(store, {
          fromBucket: Math.floor(buckets.starts[0]! / QUARTER_MS),
          toBucket: Math.ceil(buckets.end / QUARTER_MS),
          tag,
        });
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
