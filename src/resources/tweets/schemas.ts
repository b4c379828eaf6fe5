import { z } from 'zod';
import { integerParam, langParam, single, tagParam } from '../schemas';

export const MAX_LIMIT = 1000;

export const listTweetsQuery = z.strictObject({
  limit: integerParam(1, MAX_LIMIT).default(100),
  cursor: single.max(512, 'must be a next_cursor value returned by this endpoint').optional(),
  tag: tagParam.optional(),
  lang: langParam.optional(),
});

export const topAuthorsQuery = z.strictObject({
  order_by_followers_desc: integerParam(1, 1000),
});
