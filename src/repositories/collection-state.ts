import type { Store } from './store';
import { read } from './read';
import { query } from './sql';
import { writeTransaction } from './write-lock';

/** A range an interrupted run left: older than `untilId`, newer than the mark, at most `postsOwed` posts. */
export interface Hole {
  untilId: string;
  /** the newest post that run saw: the mark once the hole is filled */
  newestId: string;
  postsOwed: number;
}

/** Where one tag's collection stands (see models/collection-state.ts). */
export interface CollectionState {
  tag: string;
  /** the high-water mark: the `since_id` of the tag's next range */
  newestId?: string;
  hole?: Hole;
}

interface Row {
  newest_id: string | null;
  hole_until_id: string | null;
  hole_newest_id: string | null;
  hole_posts_owed: number | null;
}

/** The tag's state; a database from before the state was kept starts from its newest stored post. */
export async function loadCollectionState(store: Store, tag: string): Promise<CollectionState> {
  const [row] = await query<Row>(
    store.dataSource.manager,
    'SELECT newest_id, hole_until_id, hole_newest_id, hole_posts_owed FROM collection_state WHERE tag = :tag',
    { tag },
  );
  if (!row) return { tag, newestId: await newestPostIdForTag(store, tag) };
  const hole =
    row.hole_until_id !== null && row.hole_newest_id !== null
      ? {
          untilId: row.hole_until_id,
          newestId: row.hole_newest_id,
          postsOwed: Number(row.hole_posts_owed ?? 0),
        }
      : undefined;
  return { tag, ...(row.newest_id !== null && { newestId: row.newest_id }), ...(hole && { hole }) };
}

export async function saveCollectionState(store: Store, state: CollectionState): Promise<void> {
  await writeTransaction(store, (manager) =>
    query(
      manager,
      `INSERT INTO collection_state (tag, newest_id, hole_until_id, hole_newest_id, hole_posts_owed)
       VALUES (:tag, :newestId, :untilId, :holeNewestId, :postsOwed)
       ON CONFLICT (tag) DO UPDATE SET newest_id = excluded.newest_id, hole_until_id = excluded.hole_until_id,
         hole_newest_id = excluded.hole_newest_id, hole_posts_owed = excluded.hole_posts_owed`,
      {
        tag: state.tag,
        newestId: state.newestId ?? null,
        untilId: state.hole?.untilId ?? null,
        holeNewestId: state.hole?.newestId ?? null,
        postsOwed: state.hole?.postsOwed ?? null,
      },
    ),
  );
}

/** Tags whose state holds a hole, for the incomplete-tags gauge after a restart. */
export async function tagsWithHoles(store: Store): Promise<string[]> {
  const rows = await query<{ tag: string }>(
    store.dataSource.manager,
    'SELECT tag FROM collection_state WHERE hole_until_id IS NOT NULL ORDER BY tag',
  );
  return rows.map((row) => row.tag);
}

/** Forgets every tag's state, with the posts (DELETE /database): the next run starts from scratch. */
export async function resetCollectionState(store: Store): Promise<void> {
  await writeTransaction(store, (manager) => query(manager, 'DELETE FROM collection_state'));
}

/** A database from before collection state: the newest stored post id under a tag is its mark. */
async function newestPostIdForTag(store: Store, tag: string): Promise<string | undefined> {
  const [row] = await read<{ post_id: string }>(
    store,
    'SELECT post_id FROM post_tags WHERE tag = :tag ORDER BY created_at DESC, post_id DESC LIMIT 1',
    { tag },
  );
  return row?.post_id;
}
