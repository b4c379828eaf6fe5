import { EntitySchema } from 'typeorm';

/**
 * Where the collection of one tag stands. `newestId` is the high-water mark: every post up to it (within
 * the search window and the per-run budget) has been fetched. An interrupted run leaves a hole: the
 * posts older than `holeUntilId` and newer than `newestId`, at most `holePostsOwed` of them, which the
 * next runs fetch first; once it is filled the mark moves to `holeNewestId`, the newest post that run saw.
 */
export interface CollectionStateRow {
  tag: string;
  newestId: string | null;
  holeUntilId: string | null;
  holeNewestId: string | null;
  holePostsOwed: number | null;
}

export const CollectionStateEntity = new EntitySchema<CollectionStateRow>({
  name: 'CollectionState',
  tableName: 'collection_state',
  columns: {
    tag: { type: 'varchar', length: 110, primary: true },
    newestId: { name: 'newest_id', type: 'varchar', length: 20, nullable: true },
    holeUntilId: { name: 'hole_until_id', type: 'varchar', length: 20, nullable: true },
    holeNewestId: { name: 'hole_newest_id', type: 'varchar', length: 20, nullable: true },
    holePostsOwed: { name: 'hole_posts_owed', type: 'integer', nullable: true },
  },
});
