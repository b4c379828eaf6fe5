import { Client } from 'pg';
import type { Store } from '../src/repositories/store';
import { normalisePage } from '../src/x/normalise';
import type { SearchPage } from '../src/x/wire';
import { storeBatch, type PostBatch } from '../src/repositories/post-writer';
import { RetainingDatabase } from '../src/sqlite-driver';
import { syntheticPages } from './synthetic';

export interface IngestResult {
  posts: number;
  seconds: number;
  postsPerSecond: number;
}

/** Through the app's ingest path: normaliser, one transaction per page, counters maintained. */
export async function ingestThroughApp(
  store: Store,
  total: number,
  normalise: (page: SearchPage) => PostBatch = normalisePage,
): Promise<IngestResult> {
  const started = performance.now();
  for (const { tag, page } of syntheticPages(total)) await storeBatch(store, tag, normalise(page));
  const seconds = (performance.now() - started) / 1000;
  return { posts: total, seconds, postsPerSecond: total / seconds };
}

/**
 * The baseline: the same rows (posts, authors, links) with raw better-sqlite3 prepared statements in
 * one transaction, into a database with the same schema.
 */
export function ingestRaw(databasePath: string, total: number): IngestResult {
  // The same driver class as the app: plain better-sqlite3 12 statements abort Node 24 when collected.
  const db = new RetainingDatabase(databasePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insertPost = db.prepare(
    'INSERT OR IGNORE INTO posts (id, text, author_id, created_at, lang, country) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertAuthor = db.prepare(
    'INSERT INTO authors (id, name, username, followers_count, location) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET followers_count = excluded.followers_count',
  );
  const insertLink = db.prepare(
    'INSERT OR IGNORE INTO post_tags (post_id, tag, created_at, lang) VALUES (?, ?, ?, ?)',
  );
  const pages = normalisedPages(total);
  const started = performance.now();
  db.transaction(() => {
    for (const { tag, batch } of pages) {
      for (const a of batch.authors) insertAuthor.run(a.id, a.name, a.username, a.followersCount, a.location);
      for (const p of batch.posts) {
        insertPost.run(p.id, p.text, p.authorId, p.createdAt, p.lang, p.country);
        insertLink.run(p.id, tag, p.createdAt, p.lang);
      }
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { posts: total, seconds, postsPerSecond: total / seconds };
}

/**
 * The same rows with the `pg` client in one transaction: multi-row INSERTs of 1,000 rows (authors once
 * each, at their last values, since one upsert statement cannot touch a row twice).
 */
export async function ingestRawPostgres(url: string, total: number): Promise<IngestResult> {
  const pages = normalisedPages(total);
  const authors = new Map(pages.flatMap(({ batch }) => batch.authors.map((a) => [a.id, a])));
  const authorRows = [...authors.values()].map((a) => [
    a.id,
    a.name,
    a.username,
    a.followersCount,
    a.location,
  ]);
  const posts = pages.flatMap(({ tag, batch }) => batch.posts.map((post) => ({ tag, post })));
  const postRows = posts.map(({ post: p }) => [p.id, p.text, p.authorId, p.createdAt, p.lang, p.country]);
  const linkRows = posts.map(({ tag, post: p }) => [p.id, tag, p.createdAt, p.lang]);
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  await client.query('BEGIN');
  await insertMany(
    client,
    'authors (id, name, username, followers_count, location)',
    authorRows,
    'ON CONFLICT (id) DO UPDATE SET followers_count = excluded.followers_count',
  );
  await insertMany(
    client,
    'posts (id, text, author_id, created_at, lang, country)',
    postRows,
    'ON CONFLICT DO NOTHING',
  );
  await insertMany(client, 'post_tags (post_id, tag, created_at, lang)', linkRows, 'ON CONFLICT DO NOTHING');
  await client.query('COMMIT');
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return { posts: total, seconds, postsPerSecond: total / seconds };
}

async function insertMany(
  client: Client,
  into: string,
  rows: unknown[][],
  onConflict: string,
): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    const part = rows.slice(start, start + 1000);
    const values: unknown[] = [];
    const tuples = part.map((row) => `(${row.map((value) => `$${values.push(value)}`).join(', ')})`);
    await client.query(`INSERT INTO ${into} VALUES ${tuples.join(', ')} ${onConflict}`, values);
  }
}

/** The synthetic pages as the normaliser makes them, before any timing starts. */
function normalisedPages(total: number) {
  return [...syntheticPages(total)].map(({ tag, page }) => ({ tag, batch: normalisePage(page) }));
}

/**
 * The normaliser as it was before country resolution, for the ingest ratio: the place's code, else the
 * author's location as typed (the same rows otherwise).
 */
export function normaliseWithoutResolution(page: SearchPage): PostBatch {
  const locations = new Map(
    (page.includes?.users ?? []).map((user) => [user.id, user.location?.trim() || null]),
  );
  const places = new Map(
    (page.includes?.places ?? []).map((place) => [place.id, place.country_code ?? null]),
  );
  const stripped = {
    ...page,
    includes: {
      ...page.includes,
      places: [],
      users: (page.includes?.users ?? []).map(({ location: _, ...user }) => user),
    },
  };
  const placeOf = new Map((page.data ?? []).map((item) => [item.id, item.geo?.place_id]));
  const batch = normalisePage(stripped);
  for (const post of batch.posts) {
    const placeId = placeOf.get(post.id);
    post.country = (placeId && places.get(placeId)) || locations.get(post.authorId) || null;
  }
  for (const author of batch.authors) author.location = locations.get(author.id) ?? null;
  return batch;
}
