import { EntitySchema } from 'typeorm';

export interface Post {
  /** X post id: a decimal string of up to 19 digits, kept as text so no precision is lost. */
  id: string;
  text: string;
  authorId: string;
  /** ISO 8601 UTC with milliseconds; text so that it sorts and compares the same in every database. */
  createdAt: string;
  lang: string;
  /**
   * ISO 3166-1 alpha-2 code: the place's country_code, else the author's free-text location at
   * collection time resolved offline (src/geo/country.ts), else null.
   */
  country: string | null;
}

export const PostEntity = new EntitySchema<Post>({
  name: 'Post',
  tableName: 'posts',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    text: { type: 'text' },
    authorId: { name: 'author_id', type: 'varchar', length: 20 },
    createdAt: { name: 'created_at', type: 'varchar', length: 24 },
    lang: { type: 'varchar', length: 16 },
    country: { type: 'varchar', length: 200, nullable: true },
  },
  // SQLite: the text primary key is the table's own B-tree, not a second index beside a rowid.
  withoutRowid: true,
});
