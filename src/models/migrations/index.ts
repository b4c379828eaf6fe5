import { InitialSchema1764040000000 } from './1764040000000-initial-schema';
import { DataVersion1764050000000 } from './1764050000000-data-version';
import { PostTagLang1764060000000 } from './1764060000000-post-tag-lang';
import { CollectionState1764065000000 } from './1764065000000-collection-state';
import { PostEvents1795976352063 } from './1795976352063-post-events';
import { StreamRuns1795976386920 } from './1795976386920-stream-runs';

export const migrations = [
  InitialSchema1764040000000,
  DataVersion1764050000000,
  PostTagLang1764060000000,
  CollectionState1764065000000,
  PostEvents1795976352063,
  StreamRuns1795976386920,
];
