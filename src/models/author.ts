import { EntitySchema } from 'typeorm';

export interface Author {
  id: string;
  name: string;
  username: string;
  followersCount: number;
  location: string | null;
}

export const AuthorEntity = new EntitySchema<Author>({
  name: 'Author',
  tableName: 'authors',
  columns: {
    id: { type: 'varchar', length: 20, primary: true },
    name: { type: 'varchar', length: 200 },
    username: { type: 'varchar', length: 100 },
    followersCount: { name: 'followers_count', type: 'integer' },
    location: { type: 'varchar', length: 200, nullable: true },
  },
  indices: [{ name: 'idx_authors_followers', columns: ['followersCount', 'id'] }],
});
