/** The subset of the X API v2 recent-search response this project reads and the sample corpus is written in. */
export interface XHashtag {
  start: number;
  end: number;
  tag: string;
}

export interface XPost {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  lang?: string;
  edit_history_tweet_ids?: string[];
  entities?: { hashtags?: XHashtag[] };
  geo?: { place_id?: string };
  public_metrics?: Record<string, number>;
}

export interface XUser {
  id: string;
  name: string;
  username: string;
  location?: string;
  public_metrics?: { followers_count?: number } & Record<string, number>;
}

export interface XPlace {
  id: string;
  full_name: string;
  name?: string;
  country?: string;
  country_code?: string;
  place_type?: string;
}

/** An entry of the `errors` array the X API returns beside `data` (partial errors) or alone (request errors). */
export interface XProblem {
  title?: string;
  detail?: string;
  type?: string;
  message?: string;
  [key: string]: unknown;
}

export interface SearchPage {
  data?: XPost[];
  includes?: { users?: XUser[]; places?: XPlace[] };
  meta: { result_count: number; newest_id?: string; oldest_id?: string; next_token?: string };
  errors?: XProblem[];
}

export interface SearchParams {
  /** e.g. `#devops -is:retweet` */
  query: string;
  since_id?: string;
  /** 10..100 */
  max_results: number;
  next_token?: string;
}

export interface PageRequest {
  /** lowercase, with `#` */
  tag: string;
  sinceId?: string;
  /** posts this tag may still take in this run; a source may use it to size its requests */
  budget: number;
  /** aborted when the run stops (shutdown, or a fatal error in another tag) */
  signal?: AbortSignal;
}

/**
 * A source yields pages of one tag's recent-search results, newest first, in the X API v2 shape.
 * It throws a SourceError when it cannot go on (see errors.ts in this folder).
 */
export interface PostSource {
  readonly name: 'x-api' | 'sample';
  pages(request: PageRequest): AsyncIterable<SearchPage>;
}
