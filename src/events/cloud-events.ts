import { randomUUID } from 'node:crypto';
import type { OutboxMessage, OutboxWrite, PostOrigin } from '../repositories/outbox';
import type { StreamRun } from '../repositories/stream-runs';
import type { TaggedPost } from '../repositories/tweet-reader';
import { tweetEntry } from '../posts/entry';
import type { PostRow, StoredChange } from './changes';
import { postsSubject, runsSubject } from './subjects';

/** A CloudEvents 1.0 event in the structured JSON format (docs/asyncapi.yaml describes each `data`). */
export interface CloudEvent<T> {
  specversion: '1.0';
  id: string;
  source: string;
  type: EventType;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: T;
}

export type EventType = 'post.stored' | 'collection.finished' | 'stream.run.started' | 'stream.run.ended';

export const EVENT_SOURCE = '/twitter-api';

/** Where an event is made: its id and time, fixed when its change was written. */
export interface EventOrigin {
  id: string;
  time: string;
}

const fresh = (): EventOrigin => ({ id: randomUUID(), time: new Date().toISOString() });

function cloudEvent<T>(type: EventType, subject: string, data: T, origin = fresh()): CloudEvent<T> {
  return {
    specversion: '1.0',
    id: origin.id,
    source: EVENT_SOURCE,
    type,
    time: origin.time,
    subject,
    datacontenttype: 'application/json',
    data,
  };
}

/** A stored post with every tag it is stored under and its country's name. */
export type StoredPost = TaggedPost & { tags: string[]; countryName: string | null };

/** `post.stored`: the `/tweets` entry, its author, every tag it is stored under, and what stored it. */
export const postStored = (post: StoredPost, source: PostOrigin, origin?: EventOrigin) =>
  cloudEvent('post.stored', post.postId, postStoredData(post, source), origin);

const postStoredData = (post: StoredPost, origin: PostOrigin) => ({
  post: tweetEntry(post, post.countryName),
  author: { name: post.authorName, username: post.username, followers: post.followers },
  tag: post.tag,
  tags: post.tags,
  source: origin,
});

/** `collection.finished`: the run summary, as GET /database answers it. */
export const collectionFinished = (summary: { run_id?: string }, origin?: EventOrigin) =>
  cloudEvent('collection.finished', String(summary.run_id ?? ''), summary, origin);

/** `stream.run.started` / `stream.run.ended`: the run as GET /statistics lists it. */
export function streamRunEvent(
  type: 'stream.run.started' | 'stream.run.ended',
  run: StreamRun,
  origin?: EventOrigin,
) {
  return cloudEvent(
    type,
    run.id,
    {
      id: run.id,
      track: run.track,
      started_at: run.startedAt,
      ended_at: run.endedAt,
      elapsed_ms: run.elapsedMs,
      amount: run.amount,
      stored: run.stored,
      duplicates: run.duplicates,
      lost: run.lost,
      reconnects: run.reconnects,
      end_reason: run.endReason,
    },
    origin,
  );
}

const message = (subject: string, event: CloudEvent<unknown>): OutboxMessage => ({
  id: event.id,
  subject,
  payload: JSON.stringify(event),
});

const storedPost = (row: PostRow): StoredPost => ({
  postId: row[0],
  text: row[1],
  authorName: row[2],
  username: row[3],
  followers: row[4],
  createdAt: row[5],
  lang: row[6],
  country: row[7],
  countryName: row[8],
  tag: row[9],
  tags: row[10],
});

/**
 * The events of a page of posts, serialised as JSON.stringify(postStored(...)) would, with the envelope
 * written once for the page and each tag's subject made once.
 */
function postsStoredMessages(
  prefix: string,
  change: StoredChange & { kind: 'posts.stored' },
  ids: string[],
  time: string,
): OutboxMessage[] {
  const envelope = `","source":${JSON.stringify(EVENT_SOURCE)},"type":"post.stored","time":"${time}","subject":`;
  const subjects = new Map<string, string>();
  return change.posts.map((row, index) => {
    const post = storedPost(row);
    const id = ids[index]!;
    let subject = subjects.get(post.tag);
    if (subject === undefined) subjects.set(post.tag, (subject = postsSubject(prefix, post.tag)));
    const data = JSON.stringify(postStoredData(post, change.origin));
    return {
      id,
      subject,
      payload: `{"specversion":"1.0","id":"${id}${envelope}${JSON.stringify(post.postId)},"datacontenttype":"application/json","data":${data}}`,
    };
  });
}

/** The events of one outbox row, each with the id the row gave it and the row's time. */
export function eventsOf(prefix: string, write: OutboxWrite): OutboxMessage[] {
  const change = JSON.parse(write.change) as StoredChange;
  const ids = write.ids.split('\n');
  const origin = { id: ids[0]!, time: write.createdAt };
  switch (change.kind) {
    case 'posts.stored':
      return postsStoredMessages(prefix, change, ids, write.createdAt);
    case 'collection.finished':
      return [message(runsSubject(prefix), collectionFinished(change.summary, origin))];
    case 'stream.run.started':
    case 'stream.run.ended':
      return [message(runsSubject(prefix), streamRunEvent(change.kind, change.run, origin))];
    case 'event':
      return [{ id: origin.id, subject: change.subject, payload: change.payload }];
  }
}
