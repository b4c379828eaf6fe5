import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795985348849 } from './1795985348849-initial-schema';
import { SummaryCounters1795986252637 } from './1795986252637-summary-counters';
import { SummariesBackfill1795986252700 } from './1795986252700-summaries-backfill';
import { SearchIndex1795986252800 } from './1795986252800-search-index';
import { LeaderLease1795986581422 } from './1795986581422-leader-lease';
import { Outbox1795986415419 } from './1795986415419-outbox';
import { SearchTextFastPath1795996584546 } from './1795996584546-search-text-fast-path';
import { OutboxRowPerWrite1795996609884 } from './1795996609884-outbox-row-per-write';

import { StreamRunLost1796031599385 } from './1796031599385-stream-run-lost';
import { ReResolveCountries1796040000000 } from './1796040000000-re-resolve-countries';

import { StreamRunHolder1796678123200 } from './1796678123200-stream-run-holder';

import { StoredTotals1796679302441 } from './1796679302441-stored-totals';

import { PostEventsByTag1796683195869 } from './1796683195869-post-events-by-tag';

export const migrations: (new () => MigrationInterface)[] = [
  InitialSchema1795985348849,
  SummaryCounters1795986252637,
  SummariesBackfill1795986252700,
  SearchIndex1795986252800,
  Outbox1795986415419,
  LeaderLease1795986581422,
  SearchTextFastPath1795996584546,
  OutboxRowPerWrite1795996609884,
  StreamRunLost1796031599385,
  ReResolveCountries1796040000000,
  StreamRunHolder1796678123200,
  StoredTotals1796679302441,
  PostEventsByTag1796683195869,
];
