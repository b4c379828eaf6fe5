import { completed, type RunSummary, type TagSummary } from '../../collector/summary';
import { AppError } from '../../errors';

export const RESTORED = 'database has been restored';

export interface RestoreAnswer {
  message: string;
  /** tags that did not complete: failed, rate limited, stopped, or left with a hole */
  failed_tags: string[];
  collected: Record<string, number>;
  summary: RunSummary;
}

/**
 * What GET /database says about a run: "restored" only when every tag completed; 200 naming the tags
 * that did not when some did; a 502 problem with the summary when none did or the run was stopped.
 */
export function restoreAnswer(summary: RunSummary): RestoreAnswer {
  const failed = summary.tags.filter((tag) => !completed(tag));
  if (summary.error !== null) throw new AppError(502, summary.error, { body: { summary } });
  if (summary.outcome === 'failed') {
    throw new AppError(502, `no tag could be collected: ${failed.map(describe).join(', ')}`, {
      body: { summary },
    });
  }
  const collected = Object.fromEntries(summary.tags.map((tag) => [tag.tag, tag.new_posts]));
  const message = failed.length
    ? `database has been partly restored; ${failed.length} of ${summary.tags.length} tags did not complete: ${failed.map(describe).join(', ')}`
    : RESTORED;
  return { message, failed_tags: failed.map((tag) => tag.tag), collected, summary };
}

const describe = (tag: TagSummary) => `${tag.tag} (${tag.status === 'ok' ? 'incomplete' : tag.status})`;
