import type { Store } from '../repositories/store';
import type { Logger } from 'winston';
import type { Clock, Timer } from '../clock';
import { jitteredBackoffMs, sleep, type BackoffLimits } from '../backoff';
import { normalisePage } from '../x/normalise';
import type { XPlace, XPost, XUser } from '../x/wire';
import { isTransientDatabaseError } from '../repositories/busy-retry';
import { storeBatch, type PostBatch, type StoreResult } from '../repositories/post-writer';
import type { StreamPostMessage } from './types';

export interface FlushResult {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  /** posts lost to a write that failed for good */
  failed: number;
  /** creation time (ms) of the newest post written */
  newestMs: number | undefined;
}

export interface BatchWriterOptions {
  store: Store;
  logger: Logger;
  batchMs: number;
  batchSize: number;
  clock: Clock;
  /** the run's: a write the database refuses is retried until the run ends, then tried once more */
  signal: AbortSignal;
  onFlushed(result: FlushResult): void;
  /** posts received and not yet written, after each change */
  onBacklog(posts: number): void;
}

const RETRY: BackoffLimits = { baseMs: 250, maxMs: 5000 };

interface Pending {
  posts: XPost[];
  users: Map<string, XUser>;
  places: Map<string, XPlace>;
  tagsOf: Map<string, Set<string>>;
}

const empty = (): Pending => ({ posts: [], users: new Map(), places: new Map(), tagsOf: new Map() });

/**
 * Gathers stream posts and writes them every `batchMs`, or as soon as `batchSize` wait: one
 * transaction per tag of the batch, through the collector's writer, so a post is stored once and
 * linked to the term of each rule it matched. While the database is unavailable or busy, the batch
 * is retried and the next ones wait behind it (`backlog()`, bounded by the run's write-backlog gate).
 */
export function createBatchWriter(options: BatchWriterOptions) {
  let pending = empty();
  let writing: Promise<void> = Promise.resolve();
  let timer: Timer | undefined;
  let backlog = 0;
  const changeBacklog = (by: number) => {
    backlog += by;
    options.onBacklog(backlog);
  };

  const flush = (): Promise<void> => {
    options.clock.clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = empty();
    if (batch.posts.length === 0) return writing;
    writing = writing.then(() => write(options, batch).finally(() => changeBacklog(-batch.posts.length)));
    return writing;
  };

  return {
    add(message: StreamPostMessage, tags: string[]): void {
      changeBacklog(1);
      pending.posts.push(message.data);
      message.includes?.users?.forEach((user) => pending.users.set(user.id, user));
      message.includes?.places?.forEach((place) => pending.places.set(place.id, place));
      const known = pending.tagsOf.get(message.data.id) ?? new Set();
      tags.forEach((tag) => known.add(tag));
      pending.tagsOf.set(message.data.id, known);
      if (pending.posts.length >= options.batchSize) void flush();
      else timer ??= options.clock.setTimeout(() => flush(), options.batchMs);
    },
    /** writes what waits; resolves when every batch so far is written */
    flush,
    /** posts received and not yet written */
    backlog: () => backlog,
  };
}

async function write(options: BatchWriterOptions, batch: Pending): Promise<void> {
  const normalised = normalisePage({
    data: batch.posts,
    includes: { users: [...batch.users.values()], places: [...batch.places.values()] },
    meta: { result_count: batch.posts.length },
  });
  let stored = 0;
  let failed = 0;
  try {
    for (const [tag, posts] of groupByTag(normalised.posts, batch.tagsOf)) {
      const authorIds = new Set(posts.map((post) => post.authorId));
      const result = await storeRetrying(options, tag, {
        posts,
        authors: normalised.authors.filter((author) => authorIds.has(author.id)),
        placeholderAuthors: normalised.placeholderAuthors?.filter((author) => authorIds.has(author.id)),
        origin: 'stream',
      });
      stored += result.newPosts;
    }
  } catch (error) {
    failed = batch.posts.length - normalised.rejected.length - stored;
    options.logger.error(`writing ${batch.posts.length} stream posts failed; they are lost`, {
      event: 'stream.write_error',
      error,
    });
  }
  const rejected = normalised.rejected.length;
  options.onFlushed({
    received: batch.posts.length,
    stored,
    duplicates: batch.posts.length - rejected - stored - failed,
    rejected,
    failed,
    newestMs: normalised.posts.reduce<number | undefined>(
      (newest, post) => Math.max(newest ?? 0, Date.parse(post.createdAt)),
      undefined,
    ),
  });
}

/**
 * A stream has no history to collect again, so a write the database refuses for now is retried
 * (with backoff) rather than dropped; another error, or a run that ended meanwhile, loses the batch.
 */
async function storeRetrying(
  options: BatchWriterOptions,
  tag: string,
  batch: PostBatch,
): Promise<StoreResult> {
  const { logger, signal } = options;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const result = await storeBatch(options.store, tag, batch);
      if (attempt > 0)
        logger.info(`${batch.posts.length} stream posts written after ${attempt + 1} attempts`, {
          event: 'stream.write_recovered',
          attempts: attempt + 1,
        });
      return result;
    } catch (error) {
      if (!isTransientDatabaseError(error) || signal.aborted) throw error;
      if (attempt === 0)
        logger.warn(`writing ${batch.posts.length} stream posts failed (${error.message}); retrying`, {
          event: 'stream.write_retry',
          tag,
        });
      await sleep(jitteredBackoffMs(attempt, RETRY), signal);
    }
  }
}

function groupByTag<P extends { id: string }>(
  posts: P[],
  tagsOf: Map<string, Set<string>>,
): Map<string, P[]> {
  const groups = new Map<string, P[]>();
  for (const post of posts) {
    for (const tag of tagsOf.get(post.id) ?? []) {
      const group = groups.get(tag) ?? [];
      group.push(post);
      groups.set(tag, group);
    }
  }
  return groups;
}
