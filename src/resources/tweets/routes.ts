import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { badRequest, methodNotAllowed } from '../../errors';
import { listTweets, topAuthors } from '../../repositories/tweet-reader';
import { createReadCache } from '../../repositories/read-cache';
import { parseQuery } from '../validation';
import { decodeCursor, encodeCursor } from './cursor';
import { listTweetsQuery, topAuthorsQuery } from './schemas';

export function tweetsRoutes(dataSource: DataSource): Router {
  const router = Router();
  const cached = createReadCache(dataSource);
  // Pages are ~30 KB each; the newest ones, which clients poll, are what the cache is for.
  const cachedPages = createReadCache(dataSource, 256);
  router
    .route('/tweets')
    .get(async (req, res) => {
      if ('order_by_followers_desc' in req.query) {
        if (Object.keys(req.query).length > 1) {
          throw badRequest('order_by_followers_desc: cannot be combined with other parameters');
        }
        const { order_by_followers_desc: count } = parseQuery(topAuthorsQuery, req.query);
        res.json({ authors: await cached(`top_authors:${count}`, () => topAuthors(dataSource, count)) });
        return;
      }
      const query = parseQuery(listTweetsQuery, req.query);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
      const key = JSON.stringify(['page', query.limit, query.cursor, query.tag, query.lang]);
      const page = await cachedPages(key, async () => {
        const found = await listTweets(dataSource, {
          limit: query.limit,
          after,
          tag: query.tag,
          lang: query.lang,
        });
        return { tweets: found.tweets, next_cursor: found.next ? encodeCursor(found.next) : null };
      });
      res.json(page);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}
