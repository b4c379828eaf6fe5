import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import {
  loadCollectionState,
  saveCollectionState,
  type CollectionState,
} from '../repositories/collection-state';
import { SourceError } from '../x/source-error';
import { storePage } from './store-page';
import type { TagSummary } from './summary';
import type { PostSource } from './types';
import type { SearchPage, XPost } from '../x/wire';

export interface TagCollectorDeps {
  store: Store;
  source: PostSource;
  logger: Logger;
  metrics: AppMetrics;
}

export interface TagJob {
  tag: string;
  /** TWEETS_PER_TAG: the most posts the tag takes in one run, hole and newer posts together */
  budget: number;
  signal: AbortSignal;
  /** a fatal SourceError (credentials, access, usage cap): the run must stop */
  onFatal(error: SourceError): void;
}

type Range = { sinceId?: string; untilId?: string };
type End = 'complete' | 'limit' | 'stopped';

/**
 * Collects one tag: first the hole an interrupted run left, then the posts newer than its high-water
 * mark, each page stored in its own transaction and the tag's state saved after it. The mark moves only
 * when a range's pagination ends; reaching the budget ends it by design (a run takes the newest N).
 * Log lines get the tag from the ambient run context (collector.ts).
 */
export function createTagCollector(deps: TagCollectorDeps): (job: TagJob) => Promise<TagSummary> {
  return async (job) => {
    const summary: TagSummary = {
      tag: job.tag,
      status: 'ok',
      returned: 0,
      new_posts: 0,
      pages: 0,
      incomplete: false,
      error: null,
    };
    const cursor = { state: await loadCollectionState(deps.store, job.tag) };
    const collector = new RangeCollector(deps, job, summary, cursor);
    const result = await collector.run().then(
      () => (collector.stopped ? stopped(summary) : summary),
      (error: unknown) => failedTag(deps.logger, job, summary, error),
    );
    result.incomplete = cursor.state.hole !== undefined;
    deps.metrics.setTagIncomplete(job.tag, result.incomplete);
    return result;
  };
}

class RangeCollector {
  /** the run was stopped before a range's pagination ended */
  stopped = false;

  constructor(
    private readonly deps: TagCollectorDeps,
    private readonly job: TagJob,
    private readonly summary: TagSummary,
    private readonly cursor: { state: CollectionState },
  ) {}

  /** The hole first, then, when it is filled and budget is left, the posts newer than the mark. */
  async run(): Promise<void> {
    if (this.cursor.state.hole) await this.fillHole();
    if (!this.cursor.state.hole && !this.job.signal.aborted && this.left() > 0) await this.collectNewer();
  }

  left(): number {
    return this.job.budget - this.summary.returned;
  }

  /** The hole's range, newest first; when it ends or its posts are all taken, the mark jumps past it. */
  async fillHole(): Promise<void> {
    const { tag, newestId, hole } = this.cursor.state;
    if (!hole) return;
    const range = { sinceId: newestId, untilId: hole.untilId };
    const end =
      hole.postsOwed <= 0
        ? 'limit'
        : await this.paginate(range, Math.min(hole.postsOwed, this.left()), (posts) => {
            const current = this.cursor.state.hole ?? hole;
            const postsOwed = current.postsOwed - posts.length;
            return { tag, newestId, hole: { ...current, untilId: posts.at(-1)!.id, postsOwed } };
          });
    const owed = this.cursor.state.hole?.postsOwed ?? 0;
    if (end === 'stopped' || (end === 'limit' && owed > 0)) return;
    await this.save({ tag, newestId: hole.newestId });
    this.deps.logger.info(`the hole in ${tag} is filled`, {
      event: 'collection.hole_filled',
      newest_id: hole.newestId,
    });
  }

  /** Posts newer than the mark; until the pagination ends, what it has not reached yet is a hole. */
  async collectNewer(): Promise<void> {
    const { tag, newestId } = this.cursor.state;
    let top: string | undefined;
    const end = await this.paginate({ sinceId: newestId }, this.left(), (posts, left) => {
      top ??= posts[0]!.id;
      return { tag, newestId, hole: { untilId: posts.at(-1)!.id, newestId: top, postsOwed: left } };
    });
    if (end !== 'stopped' && top !== undefined) await this.save({ tag, newestId: top });
  }

  private async paginate(
    range: Range,
    limit: number,
    stateAfter: (posts: XPost[], left: number) => CollectionState,
  ): Promise<End> {
    let taken = 0;
    const { tag, signal } = this.job;
    for await (const page of this.deps.source.pages({ tag, ...range, budget: limit, signal })) {
      const kept = trimToBudget(page, limit - taken);
      const newPosts = await storePage(this.deps, tag, kept);
      const posts = kept.data ?? [];
      taken += posts.length;
      this.summary.pages += 1;
      this.summary.returned += posts.length;
      this.summary.new_posts += newPosts;
      if (posts.length) await this.save(stateAfter(posts, this.left()));
      if (taken >= limit) return 'limit';
      if (signal.aborted) break;
    }
    this.stopped = signal.aborted;
    return signal.aborted ? 'stopped' : 'complete';
  }

  private async save(state: CollectionState): Promise<void> {
    this.cursor.state = state;
    await saveCollectionState(this.deps.store, state);
  }
}

function trimToBudget(page: SearchPage, remaining: number): SearchPage {
  const data = page.data ?? [];
  return data.length <= remaining ? page : { ...page, data: data.slice(0, Math.max(remaining, 0)) };
}

const stopped = (summary: TagSummary): TagSummary => ({
  ...summary,
  status: 'cancelled',
  error: 'the run was stopped',
});

function failedTag(logger: Logger, job: TagJob, summary: TagSummary, error: unknown): TagSummary {
  if (error instanceof SourceError && error.kind === 'fatal') {
    job.onFatal(error);
    return { ...summary, status: 'failed', error: error.message };
  }
  if (job.signal.aborted) return stopped(summary);
  // Not only the source's errors: a locked database ends the tag too, and the next run fills its hole.
  const status = error instanceof SourceError && error.kind === 'rate_limited' ? 'rate_limited' : 'failed';
  const message = (error as Error).message;
  logger.warn(`collecting ${job.tag} stopped: ${message}`, { event: 'collection.tag_error', status, error });
  return { ...summary, status, error: message };
}
