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
  /** set when the whole run stopped (bad credentials, no access, usage cap): what the operator must fix */
  error: string | null;
  tags: TagSummary[];
}

export function outcomeOf(tags: TagSummary[], fatal: string | null): RunOutcome {
  if (fatal !== null || tags.every((tag) => tag.status !== 'ok')) return 'failed';
  return tags.every((tag) => tag.status === 'ok') ? 'success' : 'partial';
}
