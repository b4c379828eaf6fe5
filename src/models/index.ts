import { AuthorEntity } from './author';
import { CollectionStateEntity } from './collection-state';
import { PostEntity } from './post';
import { PostTagEntity } from './post-tag';
import {
  AuthorPostCountEntity,
  CountryCountEntity,
  QuarterHourCountEntity,
  TagLangCountEntity,
} from './stats';

export const entities = [
  PostEntity,
  AuthorEntity,
  PostTagEntity,
  QuarterHourCountEntity,
  TagLangCountEntity,
  CountryCountEntity,
  AuthorPostCountEntity,
  CollectionStateEntity,
];

export * from './author';
export * from './collection-state';
export * from './post';
export * from './post-tag';
export * from './stats';
