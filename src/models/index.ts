import { AuthorEntity } from './author';
import { CollectionStateEntity } from './collection-state';
import { DataVersionEntity } from './data-version';
import { PostEntity } from './post';
import { PostEventEntity } from './post-event';
import { PostTagEntity } from './post-tag';
import { counterEntities } from './stats';
import { StreamRunEntity } from './stream-run';

export const entities = [
  PostEntity,
  AuthorEntity,
  PostTagEntity,
  ...counterEntities,
  DataVersionEntity,
  CollectionStateEntity,
  PostEventEntity,
  StreamRunEntity,
];

export * from './author';
export * from './collection-state';
export * from './data-version';
export * from './post';
export * from './post-event';
export * from './post-tag';
export * from './stats';
export * from './stream-run';
