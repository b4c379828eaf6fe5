import type { EntityManager } from 'typeorm';
import type { Store } from './store';
import { read } from './read';
import { chunk, insertRows, query } from './sql';
import { toTaggedPost, type TaggedPost } from './tweet-reader';
import { writeTransaction } from './write-lock';

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
  post: TaggedPost;
}

export interface PostEventFilter {
  tag?: string;
  lang?: string;
}

/**
 * The events after `afterSeq` and up to `upToSeq`, oldest first, each with its `/tweets` entry; the
 * filter runs in SQL, so a page holds only what its reader is sent.
 */
export async function readPostEvents(
  store: Store,
  range: { afterSeq: number; upToSeq?: number; limit: number },
  filter: PostEventFilter = {},
): Promise<StoredPostEvent[]> {
  const conditions = ['e.seq > :afterSeq'];
  if (range.upToSeq !== undefined) conditions.push('e.seq <= :upToSeq');
  if (filter.tag !== undefined) conditions.push('e.tag = :tag');
  if (filter.lang !== undefined) conditions.push('p.lang = :lang');
  const rows = await read<Record<string, string | number | null>>(
    store,
    `SELECT e.seq, e.stored_at, p.id AS post_id, p.text, a.name, a.username, a.followers_count,
            p.created_at, p.lang, p.country, e.tag
       FROM post_events e
       JOIN posts p ON p.id = e.post_id
       JOIN authors a ON a.id = p.author_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY e.seq
      LIMIT :limit`,
    { ...range, upToSeq: range.upToSeq ?? null, tag: filter.tag ?? null, lang: filter.lang ?? null },
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    storedAt: String(row.stored_at),
    post: toTaggedPost(row),
  }));
}

/** The oldest and newest event kept (0 when none); `next` is the sequence the next event will get at least. */
export async function postEventBounds(store: Store): Promise<{ oldest: number; newest: number }> {
  const [row] = await read<{ oldest: number | null; newest: number | null }>(
    store,
    'SELECT MIN(seq) AS oldest, MAX(seq) AS newest FROM post_events',
  );
  return { oldest: Number(row?.oldest ?? 0), newest: Number(row?.newest ?? 0) };
}

/**
 * Deletes the events older than the newest `keep`, but none after `delivered` (what its readers have
 * not read yet stays); how many it removed.
 */
export async function prunePostEvents(store: Store, keep: number, delivered: number): Promise<number> {
  const { oldest, newest } = await postEventBounds(store);
  const cutoff = Math.min(newest - keep, delivered);
  if (newest === 0 || cutoff < oldest) return 0;
  return writeTransaction(store, async (manager) => {
    const removed = await query<{ seq: number }>(
      manager,
      'DELETE FROM post_events WHERE seq <= :cutoff RETURNING seq',
      { cutoff },
    );
    return removed.length;
  });
}

/** `/tweets` entries per tag, from the counters kept in every write. */
export async function entriesPerTag(store: Store): Promise<Record<string, number>> {
  const rows = await read<{ tag: string; posts: number }>(
    store,
    'SELECT tag, SUM(posts) AS posts FROM stats_posts_by_tag_lang GROUP BY tag HAVING SUM(posts) > 0 ORDER BY tag',
  );
  return Object.fromEntries(rows.map((row) => [row.tag, Number(row.posts)]));
}
