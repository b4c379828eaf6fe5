import type { StreamRunRow } from '../models';

/** A stream run as stored (and as its events carry it), its terms parsed. */
export type StreamRun = Pick<
  StreamRunRow,
  | 'id'
  | 'startedAt'
  | 'endedAt'
  | 'lastHeartbeatAt'
  | 'elapsedMs'
  | 'amount'
  | 'stored'
  | 'duplicates'
  | 'lost'
  | 'reconnects'
  | 'endReason'
> & { track: string[] };
