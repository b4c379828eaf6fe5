import type { EntityManager } from 'typeorm';
import type { PostsStored, Store } from './store';
import {
  CollectionRequestEntity,
  DataVersionEntity,
  LeaderLeaseEntity,
  OutboxEntity,
  StreamRunEntity,
  type Author,
  type Post,
} from '../models';
import { CounterDeltas } from './counters';
import { recordOutbox, storedPostsChange, type PostOrigin } from './outbox';
import { recordPostEvents } from './post-events';
import { emptySearchIndex, indexPostTexts } from './search';
import type { TaggedPost } from './tweet-reader';
import { chunk, inKeyOrder, insertRows, query } from './sql';
import { writeTransaction, type WriteTx } from './write-lock';

export interface PostBatch {
  posts: Post[];
  authors: Author[];
  /** authors a page referenced without describing them (a partial error): stored only if unknown */
  placeholderAuthors?: Author[];
  /** what stored them, for their events (collection when not given) */
  origin?: PostOrigin;
}

export interface StoreResult {
  /** posts not stored before */
  newPosts: number;
  /** post-to-tag links not stored before (a known post found under a new tag adds one) */
  newLinks: number;
}

/**
 * Stores one page of one tag in one transaction: authors upserted to their latest values, each post
 * stored once, its link to the tag added, and the aggregate counters moved by exactly what was new.
 */
export async function storeBatch(store: Store, tag: string, batch: PostBatch): Promise<StoreResult> {
  if (batch.posts.length === 0) return { newPosts: 0, newLinks: 0 };
  return writeTransaction(store, (manager, tx) => storeBatchIn(store, manager, tx, tag, batch));
}

/** What storeBatch does, inside a write transaction the caller holds (writeTransaction). */
export async function storeBatchIn(
  store: Store,
  manager: EntityManager,
  tx: WriteTx,
  tag: string,
  batch: PostBatch,
): Promise<StoreResult> {
  const posts = uniqueBy(batch.posts, (post) => post.id);
  if (posts.length === 0) return { newPosts: 0, newLinks: 0 };
  const deltas = new CounterDeltas();
  deltas.addAuthors(await storeAuthors(manager, batch));
  const inserted = await insertNew(
    manager,
    'posts',
    ['id', 'text', 'author_id', 'created_at', 'lang', 'country'],
    ['id'],
    posts.map(postRow),
  );
  const newPosts = posts.filter((post) => inserted.has(post.id));
  await indexPostTexts(manager, newPosts);
  // A post stored before keeps its stored values, so the counters always equal a recount.
  const stored = await storedPosts(
    manager,
    posts.filter((post) => !inserted.has(post.id)).map((post) => post.id),
  );
  const linkRows = posts.map((post) => {
    const known = stored.get(post.id);
    return [post.id, tag, known?.created_at ?? post.createdAt, known?.lang ?? post.lang];
  });
  const linked = await insertNew(
    manager,
    'post_tags',
    ['post_id', 'tag', 'created_at', 'lang'],
    ['post_id', 'tag'],
    linkRows,
  );
  const newLinks = posts.filter((post) => linked.has(post.id));

  newPosts.forEach((post) => deltas.addPost(post));
  newLinks.forEach((post) => {
    const known = stored.get(post.id);
    deltas.addLink(tag, { lang: known?.lang ?? post.lang, createdAt: known?.created_at ?? post.createdAt });
  });
  await deltas.apply(manager);
  const newIds = newLinks.map((post) => post.id);
  const events = await recordPostEvents(manager, tag, newIds);
  await recordOutbox(
    store,
    manager,
    tx,
    storedPostsChange(manager, tag, batch.origin ?? 'collection', newIds, freshEntries(tag, newPosts, batch)),
  );
  // After the commit: the live event stream (and the outbox relay) read what the notification names.
  if (events) tx.onCommit(() => notifyPostsStored(store, { tag, ...events }));
  return { newPosts: newPosts.length, newLinks: newLinks.length };
}

/** Called after a commit, never inside the transaction. A failing listener never fails the write. */
function notifyPostsStored(store: Store, stored: PostsStored): void {
  try {
    store.postsStored.publish(stored);
  } catch {
    // Listeners catch up from the database on the next notification.
  }
}

/** The `/tweets` entries of posts inserted now whose author this batch wrote: known without reading back. */
function freshEntries(tag: string, inserted: Post[], batch: PostBatch): Map<string, TaggedPost> {
  const authors = new Map(batch.authors.map((author) => [author.id, author]));
  const entries = new Map<string, TaggedPost>();
  for (const post of inserted) {
    const author = authors.get(post.authorId);
    if (!author) continue;
    entries.set(post.id, {
      postId: post.id,
      text: post.text,
      authorName: author.name,
      username: author.username,
      followers: author.followersCount,
      createdAt: post.createdAt,
      lang: post.lang,
      country: post.country,
      tag,
    });
  }
  return entries;
}

const postRow = (post: Post) => [post.id, post.text, post.authorId, post.createdAt, post.lang, post.country];

/**
 * Inserts rows that are not there yet and returns the first key of those it inserted
 * (`ON CONFLICT DO NOTHING RETURNING`: SQLite 3.35+ and PostgreSQL alike), in one statement per
 * chunk instead of a read before the write.
 */
async function insertNew(
  manager: EntityManager,
  table: string,
  columns: string[],
  conflict: string[],
  rows: unknown[][],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (const part of chunk(rows, 100)) {
    const returned = await insertRows<Record<string, string>>(
      manager,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES $rows ON CONFLICT (${conflict.join(', ')}) DO NOTHING RETURNING ${columns[0]}`,
      part,
    );
    returned.forEach((row) => inserted.add(String(row[columns[0]!])));
  }
  return inserted;
}

// An unchanged author is not rewritten: fewer pages to write in each page's transaction.
const AUTHOR_FIELDS = ['name', 'username', 'followers_count', 'location'];

/** The batch's authors, the described ones updated, the placeholders only added; how many are new. */
async function storeAuthors(manager: EntityManager, batch: PostBatch): Promise<number> {
  const byId = (author: Author) => author.id;
  const described = await insertAuthors(manager, uniqueBy(batch.authors, byId), 'update');
  const placeholders = await insertAuthors(manager, uniqueBy(batch.placeholderAuthors ?? [], byId), 'keep');
  return described + placeholders;
}

const authorRow = (a: Author) => [a.id, a.name, a.username, a.followersCount, a.location];

/**
 * Adds the authors not known yet and returns how many (a plain insert tells them apart on both
 * databases, and a concurrent writer's insert of the same author is not counted twice); `update`:
 * the latest name, followers and location of the known ones win, `keep`: the known ones stay.
 */
async function insertAuthors(
  manager: EntityManager,
  authors: Author[],
  onConflict: 'update' | 'keep',
): Promise<number> {
  const inserted = await insertNew(
    manager,
    'authors',
    ['id', 'name', 'username', 'followers_count', 'location'],
    ['id'],
    authors.map(authorRow),
  );
  const known = authors.filter((author) => !inserted.has(author.id));
  if (onConflict === 'update') await updateAuthors(manager, known);
  return inserted.size;
}

async function updateAuthors(manager: EntityManager, authors: Author[]): Promise<void> {
  for (const part of chunk(authors, 100)) {
    await insertRows(
      manager,
      `INSERT INTO authors (id, name, username, followers_count, location) VALUES $rows ON CONFLICT (id)
       DO UPDATE SET name = excluded.name, username = excluded.username, followers_count = excluded.followers_count, location = excluded.location
       WHERE ${AUTHOR_FIELDS.map((field) => `authors.${field} IS DISTINCT FROM excluded.${field}`).join(' OR ')}`,
      part.map(authorRow),
    );
  }
}

async function storedPosts(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, { lang: string; created_at: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await query<{ id: string; lang: string; created_at: string }>(
    manager,
    'SELECT id, lang, created_at FROM posts WHERE id IN (:...ids)',
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * One item per key (the last), in key order (see inKeyOrder).
 */
function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return inKeyOrder(seen.entries());
}

/**
 * Removes every post, author, link and counter, and whatever other table an entity adds, but for the
 * bookkeeping that must outlive a delete (the write counter, which caches compare against); the
 * schema stays.
 */
export async function deleteEverything(store: Store): Promise<void> {
  const kept = new Set(KEPT_ON_DELETE.map((entity) => store.dataSource.getMetadata(entity).tableName));
  await writeTransaction(store, async (manager) => {
    for (const { tableName } of store.dataSource.entityMetadatas) {
      if (!kept.has(tableName)) await manager.query(`DELETE FROM ${tableName}`);
    }
    // Not an entity (a virtual table), so emptied by name.
    await emptySearchIndex(manager);
  });
}

// Stream runs too: their statistics are of the stream, not of the stored posts. The lease and the
// collection requests are how replicas coordinate (a reset request is being carried out meanwhile).
// The outbox: its events happened, and are still owed to NATS.
const KEPT_ON_DELETE = [
  DataVersionEntity,
  StreamRunEntity,
  LeaderLeaseEntity,
  CollectionRequestEntity,
  OutboxEntity,
];
