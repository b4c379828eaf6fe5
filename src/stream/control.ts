/** The small interface the HTTP resource and the CLI use; they import nothing else of the stream. */
export type { StreamControl } from './runner';
export type { RunSnapshot } from './run';
export type { StreamStatistics } from './statistics';
export { MAX_TERM_LENGTH, MAX_TERMS, TERM_PATTERN, normaliseTerms } from './terms';
