import type { DataSource } from 'typeorm';
import { normalisePage } from '../src/collector/normalise';
import { storeBatch } from '../src/repositories/post-writer';
import { RetainingDatabase } from '../src/sqlite-driver';
import { syntheticPages } from './synthetic';

export interface IngestResult {
  posts: number;
  seconds: number;
  postsPerSecond: number;
}

/** Through the app's ingest path: normaliser, one transaction per page, counters maintained. */
export async function ingestThroughApp(dataSource: DataSource, total: number): Promise<IngestResult> {
  const started = performance.now();
  for (const { tag, page } of syntheticPages(total)) await storeBatch(dataSource, tag, normalisePage(page));
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
  const pages = [...syntheticPages(total)].map(({ tag, page }) => ({ tag, batch: normalisePage(page) }));
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
