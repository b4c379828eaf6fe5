import { EntitySchema } from 'typeorm';

/**
 * A post found under one configured tag. `createdAt` and `lang` repeat the post's so pages, filtered by
 * language or not, are read from one index.
 */
export interface PostTag {
  postId: string;
  tag: string;
  createdAt: string;
  lang: string;
}

export const PostTagEntity = new EntitySchema<PostTag>({
  name: 'PostTag',
  tableName: 'post_tags',
  columns: {
    postId: { name: 'post_id', type: 'varchar', length: 20, primary: true },
    tag: { type: 'varchar', length: 110, primary: true },
    createdAt: { name: 'created_at', type: 'varchar', length: 24 },
    lang: { type: 'varchar', length: 16, default: '' },
  },
  withoutRowid: true,
  indices: [
    { name: 'idx_post_tags_newest', columns: ['createdAt', 'postId', 'tag'] },
    { name: 'idx_post_tags_tag_newest', columns: ['tag', 'createdAt', 'postId'] },
    { name: 'idx_post_tags_lang_newest', columns: ['lang', 'createdAt', 'postId', 'tag'] },
    { name: 'idx_post_tags_tag_lang_newest', columns: ['tag', 'lang', 'createdAt', 'postId'] },
  ],
});
