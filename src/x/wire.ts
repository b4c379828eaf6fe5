/**
 * X API v2 wire types: the subset of the recent-search response this project reads, and the shape the
 * sample corpus is written in. The collector's sources yield pages in this shape; the filtered
 * stream's posts arrive in it.
 */

/** The fields and expansions that ask for this shape (the filtered stream leaves out the page size). */
export const SEARCH_FIELDS = {
  max_results: '100',
  expansions: 'author_id,geo.place_id',
  'tweet.fields': 'created_at,lang,entities,geo',
  'user.fields': 'public_metrics,location,username,name',
  'place.fields': 'country,country_code,full_name',
} as const;

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
