import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { EntityManager } from 'typeorm';
import type { StreamRun } from './stream-run';
import { read, type Readable } from './read';
import { chunk, query } from './sql';
import { toTaggedPost, type TaggedPost } from './tweet-reader';
import { writeTransaction, type Writable, type WriteTx } from './write-lock';

/** One event as the relay publishes it: `id` is also the JetStream message id. */
export interface OutboxMessage {
  id: string;
  subject: string;
  payload: string;
}

/**
 * One write as its outbox row stores it: what changed (`change`, compact JSON) and the ids of the
 * events it makes, one a line; the publishing thread builds the events from them (src/events).
 */
export interface OutboxWrite {
  events: number;
  ids: string;
  change: string;
  /** the write's time, also its events' `time` */
  createdAt: string;
}

export interface QueuedWrite extends OutboxWrite {
  seq: number;
}

/** Where stored posts came from, carried into their events. */
export type PostOrigin = 'collection' | 'stream';

/** A change a write transaction reports; the composition root's factory (src/events) makes events of it. */
export type OutboxChange =
  | { kind: 'posts.stored'; origin: PostOrigin; posts: (TaggedPost & { tags: string[] })[] }
  | { kind: 'collection.finished'; summary: object }
  | { kind: 'stream.run.started' | 'stream.run.ended'; run: StreamRun };

/** What a change's row holds: how many events it makes, and the change as the event builder reads it. */
export type ChangeEncoder = (change: OutboxChange) => { events: number; change: string };

/** The outbox of a store with events on (NATS_URL): without it nothing is ever written to the outbox. */
export class Outbox {
  /** emits 'written' after each commit that wrote to the outbox (the relay's wake-up) */
  readonly written = new EventEmitter();

  constructor(
    readonly encode: ChangeEncoder,
    readonly maxRows: number,
  ) {
    this.written.setMaxListeners(0);
  }
}

/** What the outbox's functions need of the store. */
export interface OutboxStore extends Readable, Writable {
  outbox: Outbox | undefined;
}

/** Calls `listener` after each commit that wrote to the outbox (the relay's wake-up). */
export function onOutboxWritten(store: OutboxStore, listener: () => void): () => void {
  const { outbox } = store;
  if (!outbox) return () => undefined;
  outbox.written.on('written', listener);
  return () => outbox.written.off('written', listener);
}

/** Thrown before a collection page is stored while the outbox holds OUTBOX_MAX_ROWS events. */
export class OutboxFullError extends Error {
  override name = 'OutboxFullError';
}

/** Refuses a new collection page while the outbox is full: collection pauses rather than drop events. */
export async function ensureOutboxRoom(store: OutboxStore): Promise<void> {
  const full = await fullOutbox(store);
  if (full) {
    throw new OutboxFullError(
      `the outbox is full (${full.depth} events waiting for NATS JetStream, OUTBOX_MAX_ROWS=${full.maxRows}): collection paused; the next run resumes once the relay has published them`,
    );
  }
}

/** False while the outbox holds OUTBOX_MAX_ROWS events (a stream pauses); always true without NATS_URL. */
export async function outboxHasRoom(store: OutboxStore): Promise<boolean> {
  return !(await fullOutbox(store));
}

/** The depth and bound of a full outbox; undefined while it has room, or without NATS_URL. */
async function fullOutbox(store: OutboxStore): Promise<{ depth: number; maxRows: number } | undefined> {
  const { outbox } = store;
  if (!outbox) return undefined;
  // A row per write: summing the rows' event counts reads a row per page of 100 posts, not per event.
  const depth = await outboxDepth(store);
  return depth >= outbox.maxRows ? { depth, maxRows: outbox.maxRows } : undefined;
}

/** Writes the events of `change` in the caller's write transaction; nothing when the outbox is off. */
export async function recordOutbox(
  { outbox }: Pick<OutboxStore, 'outbox'>,
  manager: EntityManager,
  tx: WriteTx,
  change: OutboxChange | (() => Promise<OutboxChange | undefined>),
): Promise<void> {
  if (!outbox) return;
  const resolved = typeof change === 'function' ? await change() : change;
  if (!resolved) return;
  const { events, change: encoded } = outbox.encode(resolved);
  if (events === 0) return;
  tx.onCommit(() => outbox.written.emit('written'));
  await query(
    manager,
    'INSERT INTO outbox (events, ids, change, created_at) VALUES (:events, :ids, :change, :createdAt)',
    {
      events,
      ids: Array.from({ length: events }, () => randomUUID()).join('\n'),
      change: encoded,
      createdAt: new Date().toISOString(),
    },
  );
}

/**
 * The new `/tweets` entries of one write, in the order stored. `fresh` holds the entries the writer
 * knows exactly (posts inserted now, by authors it wrote now: their only tag is this one); the others
 * (a known post under a new tag, a placeholder author) are read back inside the transaction.
 */
export function storedPostsChange(
  manager: EntityManager,
  tag: string,
  origin: PostOrigin,
  postIds: string[],
  fresh: Map<string, TaggedPost>,
): () => Promise<OutboxChange | undefined> {
  return async () => {
    if (postIds.length === 0) return undefined;
    const readBack = await readBackEntries(
      manager,
      tag,
      postIds.filter((id) => !fresh.has(id)),
    );
    const posts: (TaggedPost & { tags: string[] })[] = [];
    for (const id of postIds) {
      const known = fresh.get(id);
      const entry = known ? { ...known, tags: [tag] } : readBack.get(id);
      if (entry) posts.push(entry);
    }
    return { kind: 'posts.stored', origin, posts };
  };
}

async function readBackEntries(
  manager: EntityManager,
  tag: string,
  postIds: string[],
): Promise<Map<string, TaggedPost & { tags: string[] }>> {
  const entries = new Map<string, TaggedPost & { tags: string[] }>();
  for (const ids of chunk(postIds, 100)) {
    const rows = await query<Record<string, string | number | null>>(
      manager,
      `SELECT p.id AS post_id, p.text, a.name, a.username, a.followers_count, p.created_at, p.lang, p.country
         FROM posts p JOIN authors a ON a.id = p.author_id
        WHERE p.id IN (:...ids)`,
      { ids },
    );
    const tagsOf = await tagsOfPosts(manager, ids);
    for (const row of rows) {
      const id = String(row.post_id);
      entries.set(id, { ...toTaggedPost({ ...row, tag }), tags: (tagsOf.get(id) ?? [tag]).sort() });
    }
  }
  return entries;
}

async function tagsOfPosts(manager: EntityManager, ids: string[]): Promise<Map<string, string[]>> {
  const rows = await query<{ post_id: string; tag: string }>(
    manager,
    'SELECT post_id, tag FROM post_tags WHERE post_id IN (:...ids)',
    { ids },
  );
  const tags = new Map<string, string[]>();
  for (const row of rows) tags.set(row.post_id, [...(tags.get(row.post_id) ?? []), row.tag]);
  return tags;
}

/** Writes a change that has no transaction of its own (a run summary) in one. */
export async function recordOutboxAlone(store: OutboxStore, change: OutboxChange): Promise<void> {
  if (!store.outbox) return;
  await writeTransaction(store, (manager, tx) => recordOutbox(store, manager, tx, change), {
    changesData: false,
  });
}

/*
 * ONE RELAY PER DATABASE. Only the replica holding the collector lease relays (service.ts passes
 * `mayRelay: lease.isLeader` to src/events/relay.ts); on SQLite that is the one process. If several
 * relays must ever run on PostgreSQL, read with `SELECT ... ORDER BY seq LIMIT n FOR UPDATE SKIP LOCKED`
 * inside a transaction held until the rows are acknowledged and deleted (that gives up order across
 * relays). A lease lost mid-batch can let two relays publish the same rows: JetStream drops the second
 * copy by message id within the duplicate window.
 */
export async function readOutbox(
  store: Readable,
  maxEvents: number,
): Promise<{ rows: QueuedWrite[]; more: boolean }> {
  // The rows up to maxEvents events (at least one row): their counts first, then those rows in full.
  const counts = await read<{ seq: number | string; events: number | string }>(
    store,
    'SELECT seq, events FROM outbox ORDER BY seq LIMIT :maxEvents',
    { maxEvents },
  );
  if (counts.length === 0) return { rows: [], more: false };
  let taken = 0;
  for (let events = 0; taken < counts.length; taken++) {
    events += Number(counts[taken]!.events);
    if (taken > 0 && events > maxEvents) break;
  }
  const last = Number(counts[taken - 1]!.seq);
  const rows = await read<Record<string, string | number>>(
    store,
    'SELECT seq, events, ids, change, created_at FROM outbox WHERE seq <= :last ORDER BY seq',
    { last },
  );
  const queued = rows.map((row) => ({
    seq: Number(row.seq),
    events: Number(row.events),
    ids: String(row.ids),
    change: String(row.change),
    createdAt: String(row.created_at),
  }));
  // More rows than fit this batch were there (the LIMIT counts rows, each of at least one event).
  return { rows: queued, more: taken < counts.length || counts.length === maxEvents };
}

/**
 * Removes the rows JetStream acknowledged, by their own seq: on PostgreSQL a transaction that took a
 * lower seq may commit after the read, and `seq <= last` would delete its unpublished row.
 */
export async function deleteOutboxRows(store: Writable, seqs: number[]): Promise<void> {
  await writeTransaction(
    store,
    async (manager) => {
      for (const part of chunk(seqs, 500)) {
        await query(manager, 'DELETE FROM outbox WHERE seq IN (:...seqs)', { seqs: part });
      }
    },
    { changesData: false },
  );
}

/** The events waiting (not the rows). */
async function outboxDepth(store: Readable): Promise<number> {
  const [sum] = await read<{ depth: number | string | null }>(
    store,
    'SELECT SUM(events) AS depth FROM outbox',
  );
  return Number(sum?.depth ?? 0);
}

export async function outboxState(store: Readable): Promise<{ depth: number; oldest: string | null }> {
  const depth = await outboxDepth(store);
  const [first] = await read<{ created_at: string }>(
    store,
    'SELECT created_at FROM outbox ORDER BY seq LIMIT 1',
  );
  return { depth, oldest: first?.created_at ?? null };
}
