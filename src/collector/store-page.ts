import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { AppMetrics } from '../observability/metrics';
import { ensureOutboxRoom } from '../repositories/outbox';
import { storeBatch } from '../repositories/post-writer';
import { normalisePage } from '../x/normalise';
import type { SearchPage } from '../x/wire';

/** Normalises and stores one page in its own transaction; returns how many of its posts were new. */
export async function storePage(
  deps: { store: Store; logger: Logger; metrics: AppMetrics },
  tag: string,
  page: SearchPage,
): Promise<number> {
  // Before anything of the page is stored: the tag ends here and its hole is filled by the next run.
  await ensureOutboxRoom(deps.store);
  logPartialErrors(deps.logger, page);
  const batch = normalisePage(page);
  if (batch.rejected.length) {
    deps.logger.warn(
      `${batch.rejected.length} post(s) of ${tag} could not be stored and were skipped; the rest of the page is kept`,
      { event: 'collection.invalid_posts', posts: batch.rejected.slice(0, 10) },
    );
  }
  const stored = await storeBatch(deps.store, tag, batch);
  deps.metrics.recordCollectedPosts(tag, page.data?.length ?? 0);
  return stored.newPosts;
}

function logPartialErrors(logger: Logger, page: SearchPage): void {
  if (!page.errors?.length) return;
  logger.warn(`X API returned ${page.errors.length} partial error(s); the page's data is kept`, {
    event: 'x_api.partial_errors',
    errors: page.errors
      .slice(0, 10)
      .map((error) => ({ title: error.title, detail: error.detail, type: error.type })),
  });
}
