import type { IngestResult } from './ingest';
import type { LoadResult } from './load';

/** One number of connections against one database: the bare Express ceiling and every endpoint. */
export interface LevelResult {
  connections: number;
  /** the bare Express 5 app's `/healthz`: median of the rounds interleaved with the app's */
  bare: LoadResult;
  /** each endpoint of the app; `/healthz` is the median of its rounds */
  endpoints: Record<string, LoadResult>;
  /** bare and app `/healthz`, alternately, in the order they ran */
  rounds: { bare: LoadResult; healthz: LoadResult }[];
}

export interface SizeResult {
  posts: number;
  ingest: IngestResult;
  rawIngest?: IngestResult;
  /** the app's path with the normaliser as it was before country resolution (the place code or the text as typed) */
  unresolvedIngest?: IngestResult;
  levels: LevelResult[];
  peakRssMb: number;
}
