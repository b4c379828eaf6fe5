import type { SearchPage } from '../src/x/wire';

const DEFAULTS = {
  tweet: ['id', 'text', 'edit_history_tweet_ids'],
  user: ['id', 'name', 'username'],
  place: ['id', 'full_name'],
};

function only<T extends object>(item: T, fields: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key))) as Partial<T>;
}

const list = (value: string | null) => (value ? value.split(',').map((part) => part.trim()) : []);

/** Keeps what the request asked for, as X does: default fields, the requested ones, requested expansions. */
export function selectFields(page: SearchPage, query: URLSearchParams): SearchPage {
  const expansions = list(query.get('expansions'));
  const tweetFields = [
    ...DEFAULTS.tweet,
    ...list(query.get('tweet.fields')),
    ...(expansions.includes('author_id') ? ['author_id'] : []),
  ];
  const userFields = [...DEFAULTS.user, ...list(query.get('user.fields'))];
  const placeFields = [...DEFAULTS.place, ...list(query.get('place.fields'))];
  if (!page.data) return page;
  const includes = {
    ...(expansions.includes('author_id') &&
      page.includes?.users?.length && { users: page.includes.users.map((user) => only(user, userFields)) }),
    ...(expansions.includes('geo.place_id') &&
      page.includes?.places?.length && {
        places: page.includes.places.map((place) => only(place, placeFields)),
      }),
  };
  return {
    data: page.data.map((post) => only(post, tweetFields)) as SearchPage['data'],
    ...(Object.keys(includes).length && { includes: includes as SearchPage['includes'] }),
    meta: page.meta,
  };
}
