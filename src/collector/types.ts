import type { SearchPage } from '../x/wire';

/** One tag's range of posts to fetch, newest first: newer than `sinceId` and older than `untilId`. */
export interface PageRequest {
  /** lowercase, with `#` */
  tag: string;
  /** exclusive lower bound; none = as far back as recent search reaches (7 days) */
  sinceId?: string;
  /** exclusive upper bound; none = up to the newest post */
  untilId?: string;
  /** posts this tag may still take in this run; a source may use it to size its requests */
  budget: number;
  /** aborted when the run stops (shutdown, DELETE /database, or a fatal error in another tag) */
  signal?: AbortSignal;
}

/**
 * A source yields pages of one tag's recent-search results, newest first, in the X API v2 shape.
 * It throws a SourceError (x/source-error.ts) when it cannot go on, and ends without error once the
 * range is exhausted or has left the search window.
 */
export interface PostSource {
  readonly name: 'x-api' | 'sample';
  pages(request: PageRequest): AsyncIterable<SearchPage>;
}
