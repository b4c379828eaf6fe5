export type TagStatus = 'ok' | 'rate_limited' | 'failed' | 'cancelled';
export type RunOutcome = 'success' | 'partial' | 'failed';
export type RunTrigger = 'first-start' | 'request' | 'schedule' | 'cli';

export interface TagSummary {
  tag: string;
  status: TagStatus;
  /** posts the tag's query returned in this run (within its budget) */
  returned: number;
  /** posts not stored before */
  new_posts: number;
  pages: number;
  /** a range of the tag's posts is still unfetched (an interrupted run's hole); the next runs fill it first */
  incomplete: boolean;
  error: string | null;
}

export interface RunSummary {
  run_id: string;
  trigger: RunTrigger;
  source: 'x-api' | 'sample';
  outcome: RunOutcome;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  /**
   * set when the whole run stopped: what the operator must fix (bad credentials, no access, usage cap),
   * or that it was stopped (shutdown, DELETE /database)
   */
  error: string | null;
  tags: TagSummary[];
}

export const STOPPED = 'the collection was stopped (shutdown or DELETE /database) before every tag completed';

/** A tag completed when its pagination ended and it has no hole left. */
export const completed = (tag: TagSummary) => tag.status === 'ok' && !tag.incomplete;

/** failed: the run stopped, or no tag succeeded; success: every tag completed; else partial. */
export function outcomeOf(tags: TagSummary[], runError: string | null): RunOutcome {
  if (runError !== null || tags.every((tag) => tag.status !== 'ok')) return 'failed';
  return tags.every(completed) ? 'success' : 'partial';
}
