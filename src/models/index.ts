import { AuthorEntity } from './author';
import { DataVersionEntity } from './data-version';
import { PostEntity } from './post';
import { PostTagEntity } from './post-tag';
import { counterEntities } from './stats';

export const entities = [PostEntity, AuthorEntity, PostTagEntity, ...counterEntities, DataVersionEntity];

export * from './author';
export * from './data-version';
export * from './post';
export * from './post-tag';
export * from './stats';
