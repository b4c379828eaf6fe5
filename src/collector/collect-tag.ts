import type { DataSource } from 'typeorm';
import type { Logger } from 'winston';
import { newestPostIdForTag } from '../repositories/aggregate-reader';
import { storeBatch } from '../repositories/post-writer';
import { normalisePage, type RejectedPost } from './normalise';
import { SourceError } from './source-error';
import type { TagSummary } from './summary';
import type { PostSource, SearchPage } from './types';

export interface TagJob {
  tag: string;
  budget: number;
  source: PostSource;
  dataSource: DataSource;
  logger: Logger;
  signal: AbortSignal;
  onPage?: (tag: string, returned: number) => void;
}

/**
 * Collects one tag: pages newer than its newest stored post, each stored in its own transaction,
 * until the budget is reached or the pages run out. A SourceError ends the tag with what it has;
 * a `fatal` one is rethrown so the run stops.
 */
export async function collectTag(job: TagJob): Promise<TagSummary> {
  const summary: TagSummary = {
    tag: job.tag,
    status: 'ok',
    returned: 0,
    new_posts: 0,
    pages: 0,
    error: null,
  };
  const sinceId = await newestPostIdForTag(job.dataSource, job.tag);
  try {
    for await (const page of job.source.pages({
      tag: job.tag,
      sinceId,
      budget: job.budget,
      signal: job.signal,
    })) {
      const kept = trimToBudget(page, job.budget - summary.returned);
      logPartialErrors(job, page);
      const batch = normalisePage(kept);
      logRejected(job, batch.rejected);
      const stored = await storeBatch(job.dataSource, job.tag, batch);
      summary.pages += 1;
      summary.returned += kept.data?.length ?? 0;
      summary.new_posts += stored.newPosts;
      job.onPage?.(job.tag, kept.data?.length ?? 0);
      if (summary.returned >= job.budget) break;
      if (job.signal.aborted) return { ...summary, status: 'cancelled', error: 'the run was stopped' };
    }
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'fatal') throw error;
    if (job.signal.aborted) return { ...summary, status: 'cancelled', error: 'the run was stopped' };
    const status = error instanceof SourceError && error.kind === 'rate_limited' ? 'rate_limited' : 'failed';
    job.logger.warn(`collecting ${job.tag} stopped: ${(error as Error).message}`, {
      event: 'collection.tag_error',
      tag: job.tag,
      status,
      error,
    });
    return { ...summary, status, error: (error as Error).message };
  }
  return summary;
}

function trimToBudget(page: SearchPage, remaining: number): SearchPage {
  const data = page.data ?? [];
  return data.length <= remaining ? page : { ...page, data: data.slice(0, Math.max(remaining, 0)) };
}

function logRejected(job: TagJob, rejected: RejectedPost[]): void {
  if (!rejected.length) return;
  job.logger.warn(
    `${rejected.length} post(s) of ${job.tag} could not be stored and were skipped; the rest of the page is kept`,
    {
      event: 'collection.invalid_posts',
      tag: job.tag,
      posts: rejected.slice(0, 10),
    },
  );
}

function logPartialErrors(job: TagJob, page: SearchPage): void {
  if (!page.errors?.length) return;
  job.logger.warn(
    `X API returned ${page.errors.length} partial error(s) for ${job.tag}; the page's data is kept`,
    {
      event: 'x_api.partial_errors',
      tag: job.tag,
      errors: page.errors
        .slice(0, 10)
        .map((error) => ({ title: error.title, detail: error.detail, type: error.type })),
    },
  );
}
