import type { RunSnapshot } from './run';
import type { StreamStatistics } from './statistics';

/** The small interface the HTTP resource and the CLI use; they import nothing else of the stream. */
export type { RunSnapshot } from './run';
export type { StreamStatistics } from './statistics';
export { MAX_TERM_LENGTH, MAX_TERMS, TERM_PATTERN, normaliseTerms } from './terms';

/** What the API and the CLI may do with the stream. */
export interface StreamControl {
  /** Starts a run on `track`, or gives the running one these terms; a 400 when X refuses rules. */
  launch(track: string[]): Promise<{ runId: string; replaced: boolean }>;
  /** Ends the running run, if any, wherever it runs, and answers it as ended. */
  stop(reason?: string): Promise<RunSnapshot | undefined>;
  /** The run this process follows, if any. */
  current(): RunSnapshot | undefined;
  statistics(): Promise<StreamStatistics>;
}
