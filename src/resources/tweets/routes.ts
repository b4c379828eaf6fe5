import { Router, type RequestHandler } from 'express';
import type { Store } from '../../repositories/store';
import { badRequest, methodNotAllowed } from '../../errors';
import { filteredTopAuthors, isFiltered } from '../../repositories/filtered-reader';
import type { ReadCache } from '../../repositories/read-cache';
import { listTweets, topAuthors } from '../../repositories/tweet-reader';
import { sendCached } from '../cached-response';
import { parseQuery } from '../validation';
import { filterKey, postFilterOf } from '../aggregates/filters';
import { decodeCursor, encodeCursor } from './cursor';
import { ENTRY_ONLY_PARAMS, listTweetsQuery, MAX_TOP_AUTHORS, topAuthorsQuery } from './contract';
import { toTopAuthorEntry, toTweetEntry, type TopAuthorEntry } from '../../posts/wire';

export function tweetsRoutes(store: Store, cache: ReadCache): Router {
  const router = Router();
  const authors = topAuthorsRoute(store, cache);
  router
    .route('/tweets')
    .get(async (req, res, next) => {
      if ('order_by_followers_desc' in req.query) {
        await authors(req, res, next);
        return;
      }
      const query = parseQuery(listTweetsQuery, req.query);
      const filter = postFilterOf(query);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const key = JSON.stringify(['page', query.limit, query.cursor, query.tag, query.lang, query.q]);
      const timeKey = filter.from === undefined && filter.to === undefined ? '' : filterKey(filter);
      const page = await cache.json(key + timeKey, async () => {
        const found = await listTweets(store, {
          limit: query.limit,
          after,
          tag: query.tag,
          lang: query.lang,
          from: filter.from,
          to: filter.to,
          terms: query.q,
        });
        return {
          tweets: found.posts.map(toTweetEntry),
          next_cursor: found.next ? encodeCursor(found.next) : null,
        };
      });
      sendCached(req, res, page);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}

/** `/tweets?order_by_followers_desc=N`: the authors with most followers, of the matching posts when filtered. */
function topAuthorsRoute(store: Store, cache: ReadCache): RequestHandler {
  return async (req, res) => {
    if (ENTRY_ONLY_PARAMS.some((name) => name in req.query)) {
      throw badRequest('order_by_followers_desc: cannot be combined with limit, cursor or q');
    }
    const { order_by_followers_desc: count, ...given } = parseQuery(topAuthorsQuery, req.query);
    const filter = postFilterOf(given);
    if (isFiltered(filter)) {
      const answer = await cache.json(`top_authors:${count}:${filterKey(filter)}`, async () => ({
        authors: (await filteredTopAuthors(store, filter, count)).map(toTopAuthorEntry),
      }));
      sendCached(req, res, answer);
      return;
    }
    // The largest list is computed once per write; every N is a slice of it.
    const answer = await cache.json(`top_authors:${count}`, async () => {
      const all = await cache.json('top_authors', async () =>
        (await topAuthors(store, MAX_TOP_AUTHORS)).map(toTopAuthorEntry),
      );
      return { authors: (JSON.parse(all.body.toString('utf8')) as TopAuthorEntry[]).slice(0, count) };
    });
    sendCached(req, res, answer);
  };
}
