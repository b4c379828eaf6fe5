import type { DataSource, EntityManager } from 'typeorm';
import { chunk, insertRows, query } from './sql';
import type { TweetRow } from './tweet-reader';
import { afterWrites, writeTransaction } from './write-lock';

export interface SeqRange {
  firstSeq: number;
  lastSeq: number;
}

/** Adds one event per new `/tweets` entry in the write's own transaction; the range of their sequence. */
export async function recordPostEvents(
  manager: EntityManager,
  tag: string,
  postIds: string[],
): Promise<SeqRange | undefined> {
  if (postIds.length === 0) return undefined;
  const storedAt = new Date().toISOString();
  const seqs: number[] = [];
  for (const part of chunk(postIds, 100)) {
    const rows = await insertRows<{ seq: number }>(
      manager,
      'INSERT INTO post_events (post_id, tag, stored_at) VALUES $rows RETURNING seq',
      part.map((id) => [id, tag, storedAt]),
    );
    rows.forEach((row) => seqs.push(Number(row.seq)));
  }
  return { firstSeq: Math.min(...seqs), lastSeq: Math.max(...seqs) };
}

export interface StoredPostEvent {
  seq: number;
  storedAt: string;
  entry: TweetRow;
}

/** The events after `afterSeq`, oldest first, each with its `/tweets` entry. */
export async function readPostEvents(
  dataSource: DataSource,
  afterSeq: number,
  limit: number,
): Promise<StoredPostEvent[]> {
  await afterWrites(dataSource);
  const rows = await query<Record<string, string | number | null>>(
    dataSource.manager,
    `SELECT e.seq AS seq, e.stored_at AS stored_at, p.id AS id, p.text AS tweet, a.name AS author,
            a.username AS username, a.followers_count AS followers, p.created_at AS created,
            p.lang AS lang, p.country AS country, e.tag AS rash
       FROM post_events e
       JOIN posts p ON p.id = e.post_id
       JOIN authors a ON a.id = p.author_id
      WHERE e.seq > :afterSeq
      ORDER BY e.seq
      LIMIT :limit`,
    { afterSeq, limit },
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    storedAt: String(row.stored_at),
    entry: {
      id: String(row.id),
      tweet: String(row.tweet),
      author: String(row.author),
      username: String(row.username),
      followers: Number(row.followers),
      created: String(row.created),
      lang: String(row.lang),
      country: row.country === null ? null : String(row.country),
      rash: String(row.rash),
    },
  }));
}

/** The oldest and newest event kept (0 when none); `next` is the sequence the next event will get at least. */
export async function postEventBounds(dataSource: DataSource): Promise<{ oldest: number; newest: number }> {
  await afterWrites(dataSource);
  const [row] = await query<{ oldest: number | null; newest: number | null }>(
    dataSource.manager,
    'SELECT MIN(seq) AS oldest, MAX(seq) AS newest FROM post_events',
  );
  return { oldest: Number(row?.oldest ?? 0), newest: Number(row?.newest ?? 0) };
}

/**
 * Deletes the events older than the newest `keep`, but none after `delivered` (what its readers have
 * not read yet stays); how many it removed.
 */
export async function prunePostEvents(
  dataSource: DataSource,
  keep: number,
  delivered: number,
): Promise<number> {
  const { oldest, newest } = await postEventBounds(dataSource);
  const cutoff = Math.min(newest - keep, delivered);
  if (newest === 0 || cutoff < oldest) return 0;
  return writeTransaction(dataSource, async (manager) => {
    const removed = await query<{ seq: number }>(
      manager,
      'DELETE FROM post_events WHERE seq <= :cutoff RETURNING seq',
      { cutoff },
    );
    return removed.length;
  });
}

/** `/tweets` entries per tag, from the counters kept in every write. */
export async function entriesPerTag(dataSource: DataSource): Promise<Record<string, number>> {
  await afterWrites(dataSource);
  const rows = await query<{ tag: string; posts: number }>(
    dataSource.manager,
    'SELECT tag, SUM(posts) AS posts FROM stats_posts_by_tag_lang GROUP BY tag HAVING SUM(posts) > 0 ORDER BY tag',
  );
  return Object.fromEntries(rows.map((row) => [row.tag, Number(row.posts)]));
}
