import type { DataSource, EntityManager } from 'typeorm';
import { AuthorEntity, PostEntity, PostTagEntity, type Author, type Post } from '../models';
import { CounterDeltas } from './counters';
import { chunk, query } from './sql';
import { writeTransaction } from './write-lock';

export interface PostBatch {
  posts: Post[];
  authors: Author[];
  /** authors a page referenced without describing them (a partial error): stored only if unknown */
  placeholderAuthors?: Author[];
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
export async function storeBatch(dataSource: DataSource, tag: string, batch: PostBatch): Promise<StoreResult> {
  const posts = uniqueBy(batch.posts, (post) => post.id);
  if (posts.length === 0) return { newPosts: 0, newLinks: 0 };
  return writeTransaction(dataSource, async (manager) => {
    await upsertAuthors(manager, uniqueBy(batch.authors, (author) => author.id));
    await insertUnknownAuthors(manager, uniqueBy(batch.placeholderAuthors ?? [], (author) => author.id));
    const stored = await storedPosts(manager, posts.map((post) => post.id));
    const newPosts = posts.filter((post) => !stored.has(post.id));
    const linked = await linkedPostIds(manager, tag, posts.map((post) => post.id));
    const newLinks = posts.filter((post) => !linked.has(post.id));

    const deltas = new CounterDeltas();
    newPosts.forEach((post) => deltas.addPost(post));
    // A post already stored keeps its stored values, so the counters always equal a recount.
    newLinks.forEach((post) => deltas.addLink(tag, stored.get(post.id)?.lang ?? post.lang));

    for (const rows of chunk(newPosts, 100)) {
      await manager.createQueryBuilder().insert().into(PostEntity).values(rows).execute();
    }
    for (const rows of chunk(newLinks, 200)) {
      const links = rows.map((post) => ({
        postId: post.id,
        tag,
        createdAt: stored.get(post.id)?.created_at ?? post.createdAt,
      }));
      await manager.createQueryBuilder().insert().into(PostTagEntity).values(links).execute();
    }
    await deltas.apply(manager);
    return { newPosts: newPosts.length, newLinks: newLinks.length };
  });
}

async function upsertAuthors(manager: EntityManager, authors: Author[]): Promise<void> {
  for (const rows of chunk(authors, 100)) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuthorEntity)
      .values(rows)
      .orUpdate(['name', 'username', 'followers_count', 'location'], ['id'])
      .execute();
  }
}

async function insertUnknownAuthors(manager: EntityManager, authors: Author[]): Promise<void> {
  for (const rows of chunk(authors, 100)) {
    await manager.createQueryBuilder().insert().into(AuthorEntity).values(rows).orIgnore().execute();
  }
}

async function storedPosts(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, { lang: string; created_at: string }>> {
  const rows = await query<{ id: string; lang: string; created_at: string }>(
    manager,
    'SELECT id, lang, created_at FROM posts WHERE id IN (:...ids)',
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

async function linkedPostIds(manager: EntityManager, tag: string, ids: string[]): Promise<Set<string>> {
  const rows = await query<{ post_id: string }>(
    manager,
    'SELECT post_id FROM post_tags WHERE tag = :tag AND post_id IN (:...ids)',
    { tag, ids },
  );
  return new Set(rows.map((row) => row.post_id));
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(key(item), item);
  return [...seen.values()];
}

/** Removes every post, author, link and counter; the schema stays. */
export async function deleteEverything(dataSource: DataSource): Promise<void> {
  await writeTransaction(dataSource, async (manager) => {
    for (const table of [
      'post_tags',
      'posts',
      'authors',
      'stats_posts_by_quarter_hour',
      'stats_posts_by_tag_lang',
      'stats_posts_by_country',
      'stats_posts_by_author',
    ]) {
      await manager.query(`DELETE FROM ${table}`);
    }
  });
}
