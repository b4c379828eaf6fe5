import { EntitySchema } from 'typeorm';

/** A post found under one configured tag. `createdAt` repeats the post's so pages are read from one index. */
export interface PostTag {
  postId: string;
  tag: string;
  createdAt: string;
}

export const PostTagEntity = new EntitySchema<PostTag>({
  name: 'PostTag',
  tableName: 'post_tags',
  columns: {
    postId: { name: 'post_id', type: 'varchar', length: 20, primary: true },
    tag: { type: 'varchar', length: 110, primary: true },
    createdAt: { name: 'created_at', type: 'varchar', length: 24 },
  },
  withoutRowid: true,
  indices: [
    { name: 'idx_post_tags_newest', columns: ['createdAt', 'postId', 'tag'] },
    { name: 'idx_post_tags_tag_newest', columns: ['tag', 'createdAt', 'postId'] },
  ],
});
