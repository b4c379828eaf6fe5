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
      const page = await listTweets(dataSource, {
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
        tag: query.tag,
        lang: query.lang,
      });
      res.json({ tweets: page.tweets, next_cursor: page.next ? encodeCursor(page.next) : null });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  return router;
}
