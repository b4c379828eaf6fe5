import { badRequest } from '../../errors';
import type { PostFilter } from '../../repositories/filtered-reader';
import { instantOf } from './over-time';

/** The query's filters as the repository takes them: times as stored (ISO 8601 UTC), from before to. */
export function postFilterOf(query: {
  tag?: string;
  lang?: string;
  from?: string;
  to?: string;
  tz: string;
}): PostFilter {
  const from = query.from === undefined ? undefined : instantOf(query.from, query.tz);
  const to = query.to === undefined ? undefined : instantOf(query.to, query.tz);
  if (from !== undefined && to !== undefined && !(from < to)) throw badRequest('from: must be before to');
  return {
    tag: query.tag,
    lang: query.lang,
    from: from === undefined ? undefined : new Date(from).toISOString(),
    to: to === undefined ? undefined : new Date(to).toISOString(),
  };
}

/** A read-cache key part naming the filter; undefined parts stay apart from empty ones. */
export const filterKey = (filter: PostFilter): string =>
  JSON.stringify([filter.tag, filter.lang, filter.from, filter.to]);
