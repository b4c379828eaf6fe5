import { AuthorEntity } from './author';
import { CollectionRequestEntity } from './collection-request';
import { CollectionStateEntity } from './collection-state';
import { DataVersionEntity } from './data-version';
import { LeaderLeaseEntity } from './leader-lease';
import { PostEntity } from './post';
import { OutboxEntity } from './outbox';
import { PostEventEntity } from './post-event';
import { PostTagEntity } from './post-tag';
import { counterEntities, StoredTotalEntity } from './stats';
import { StreamRunEntity } from './stream-run';

export const entities = [
  PostEntity,
  AuthorEntity,
  PostTagEntity,
  ...counterEntities,
  StoredTotalEntity,
  DataVersionEntity,
  CollectionStateEntity,
  PostEventEntity,
  StreamRunEntity,
  LeaderLeaseEntity,
  CollectionRequestEntity,
  OutboxEntity,
];

export * from './author';
export * from './collection-request';
export * from './collection-state';
export * from './data-version';
export * from './leader-lease';
export * from './outbox';
export * from './post';
export * from './post-event';
export * from './post-tag';
export * from './stats';
export * from './stream-run';
