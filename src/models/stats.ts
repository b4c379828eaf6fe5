import { EntitySchema, type EntitySchemaOptions } from 'typeorm';

/**
 * Counters kept up to date in the same transaction as every write, so aggregates read a few hundred
 * rows instead of scanning all posts. A full recount must always give the same answers (tested).
 * Each is declared with `counter()`, which lists it in `counterEntities`: the writer applies its deltas,
 * the delete empties it, and the recount test (test/api/aggregates-recount.test.ts) fails until it
 * has a recount query.
 */
export const counterEntities: EntitySchema[] = [];

function counter<T>(options: EntitySchemaOptions<T>): EntitySchema<T> {
  const entity = new EntitySchema<T>(options);
  counterEntities.push(entity as EntitySchema);
  return entity;
}

/** Distinct posts per 15-minute bucket of created_at (every time zone's offset is a multiple of 15 min). */
export interface QuarterHourCount {
  bucket: number;
  posts: number;
}

export const QuarterHourCountEntity = counter<QuarterHourCount>({
  name: 'QuarterHourCount',
  tableName: 'stats_posts_by_quarter_hour',
  columns: {
    bucket: { type: 'integer', primary: true },
    posts: { type: 'integer' },
  },
});

/** Posts per tag and language (a post under two tags counts under both). */
export interface TagLangCount {
  tag: string;
  lang: string;
  posts: number;
}

export const TagLangCountEntity = counter<TagLangCount>({
  name: 'TagLangCount',
  tableName: 'stats_posts_by_tag_lang',
  columns: {
    tag: { type: 'varchar', length: 110, primary: true },
    lang: { type: 'varchar', length: 16, primary: true },
    posts: { type: 'integer' },
  },
});

/** Distinct posts per country; posts without one are kept under the empty key (a key cannot be null). */
export interface CountryCount {
  country: string;
  posts: number;
}

export const CountryCountEntity = counter<CountryCount>({
  name: 'CountryCount',
  tableName: 'stats_posts_by_country',
  columns: {
    country: { type: 'varchar', length: 200, primary: true },
    posts: { type: 'integer' },
  },
});

/** Stored posts per author, for the top-authors answer. */
export interface AuthorPostCount {
  authorId: string;
  posts: number;
}

export const AuthorPostCountEntity = counter<AuthorPostCount>({
  name: 'AuthorPostCount',
  tableName: 'stats_posts_by_author',
  columns: {
    authorId: { name: 'author_id', type: 'varchar', length: 20, primary: true },
    posts: { type: 'integer' },
  },
});

/** Distinct posts per language, for `/tweets_per_language` without a tag. */
export interface LangCount {
  lang: string;
  posts: number;
}

export const LangCountEntity = counter<LangCount>({
  name: 'LangCount',
  tableName: 'stats_posts_by_lang',
  columns: {
    lang: { type: 'varchar', length: 16, primary: true },
    posts: { type: 'integer' },
  },
});

/**
 * Posts per tag and 15-minute bucket of created_at, for `/tweets_over_time?tag=`. Quarter hours rather
 * than hours: a day or an hour in Asia/Kathmandu (+05:45) or Asia/Kolkata (+05:30) starts inside a UTC
 * hour, so hourly counts could not be split at its start. Without a tag, stats_posts_by_quarter_hour
 * answers (a post under two tags is one post there).
 */
export interface TagQuarterHourCount {
  tag: string;
  bucket: number;
  posts: number;
}

export const TagQuarterHourCountEntity = counter<TagQuarterHourCount>({
  name: 'TagQuarterHourCount',
  tableName: 'stats_posts_by_tag_quarter_hour',
  columns: {
    tag: { type: 'varchar', length: 110, primary: true },
    bucket: { type: 'integer', primary: true },
    posts: { type: 'integer' },
  },
});

/**
 * Totals kept like the counters, in the same transaction as the rows they count, so reading one costs
 * a row, not a COUNT(*) over a table (`authors`: the stored authors, read at every /metrics scrape).
 */
export interface StoredTotal {
  name: string;
  total: number;
}

export const StoredTotalEntity = new EntitySchema<StoredTotal>({
  name: 'StoredTotal',
  tableName: 'stats_totals',
  columns: {
    name: { type: 'varchar', length: 32, primary: true },
    total: { type: 'integer' },
  },
});
