import { InitialSchema1764040000000 } from './1764040000000-initial-schema';
import { DataVersion1764050000000 } from './1764050000000-data-version';
import { PostTagLang1764060000000 } from './1764060000000-post-tag-lang';
import { CollectionState1764065000000 } from './1764065000000-collection-state';
import { PostEvents1795976352063 } from './1795976352063-post-events';
import { StreamRuns1795976386920 } from './1795976386920-stream-runs';
import { SummaryCounters1795985283846 } from './1795985283846-summary-counters';
import { SummariesBackfill1795985283900 } from './1795985283900-summaries-backfill';
import { SearchIndex1795985284000 } from './1795985284000-search-index';
import { LeaderLease1795986581422 } from './1795986581422-leader-lease';
import { Outbox1795986415419 } from './1795986415419-outbox';

import { OutboxRowPerWrite1795996609884 } from './1795996609884-outbox-row-per-write';

import { StreamRunLost1796031599385 } from './1796031599385-stream-run-lost';
import { ReResolveCountries1796040000000 } from './1796040000000-re-resolve-countries';

import { StreamRunHolder1796678123200 } from './1796678123200-stream-run-holder';

import { StoredTotals1796679302441 } from './1796679302441-stored-totals';

import { PostEventsByTag1796683195869 } from './1796683195869-post-events-by-tag';

export const migrations = [
  InitialSchema1764040000000,
  DataVersion1764050000000,
  PostTagLang1764060000000,
  CollectionState1764065000000,
  PostEvents1795976352063,
  StreamRuns1795976386920,
  SummaryCounters1795985283846,
  SummariesBackfill1795985283900,
  SearchIndex1795985284000,
  Outbox1795986415419,
  LeaderLease1795986581422,
  OutboxRowPerWrite1795996609884,
  StreamRunLost1796031599385,
  ReResolveCountries1796040000000,
  StreamRunHolder1796678123200,
  StoredTotals1796679302441,
  PostEventsByTag1796683195869,
];
