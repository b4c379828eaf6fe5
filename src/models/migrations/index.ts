import { InitialSchema1764040000000 } from './1764040000000-initial-schema';
import { DataVersion1764050000000 } from './1764050000000-data-version';
import { CollectionState1764065000000 } from './1764065000000-collection-state';
import { StreamRuns1795976386920 } from './1795976386920-stream-runs';

export const migrations = [
  InitialSchema1764040000000,
  DataVersion1764050000000,
  CollectionState1764065000000,
  StreamRuns1795976386920,
];
