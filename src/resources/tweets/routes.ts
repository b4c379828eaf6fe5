import { Router } from 'express';
import type { Store } from '../../repositories/store';
import { badRequest, methodNotAllowed } from '../../errors';
import type { ReadCache } from '../../repositories/read-cache';
import { listTweets, topAuthors } from '../../repositories/tweet-reader';
import { sendCached } from '../cached-response';
import { parseQuery } from '../validation';
import { decodeCursor, encodeCursor } from './cursor';
import { listTweetsQuery, MAX_TOP_AUTHORS, topAuthorsQuery } from './contract';
import { toTopAuthorEntry, toTweetEntry, type TopAuthorEntry } from '../../posts/wire';

export function tweetsRoutes(store: Store, cache: ReadCache): Router {
  const router = Router();
  router
    .route('/tweets')
    .get(async (req, res) => {
      if ('order_by_followers_desc' in req.query) {
        if (Object.keys(req.query).length > 1) {
          throw badRequest('order_by_followers_desc: cannot be combined with other parameters');
        }
        const { order_by_followers_desc: count } = parseQuery(topAuthorsQuery, req.query);
        // The largest list is computed once per write; every N is a slice of it.
        const answer = await cache.json(`top_authors:${count}`, async () => {
          const all = await cache.json('top_authors', async () =>
            (await topAuthors(store, MAX_TOP_AUTHORS)).map(toTopAuthorEntry),
          );
          return { authors: (JSON.parse(all.body.toString('utf8')) as TopAuthorEntry[]).slice(0, count) };
        });
        sendCached(req, res, answer);
        return;
      }
      const query = parseQuery(listTweetsQuery, req.query);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const key = JSON.stringify(['page', query.limit, query.cursor, query.tag, query.lang, query.q]);
      const page = await cache.json(key, async () => {
        const found = await listTweets(store, {
          limit: query.limit,
          after,
          tag: query.tag,
          lang: query.lang,
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
