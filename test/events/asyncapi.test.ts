import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { encodeChange } from '../../src/events/changes';
import { collectionFinished, eventsOf, postStored, streamRunEvent } from '../../src/events/cloud-events';
import type { OutboxChange } from '../../src/repositories/outbox';
import { subjectToken } from '../../src/events/subjects';
import type { RunSummary } from '../../src/collector/summary';
import { ASYNCAPI_PATH, expectValidEvent } from './asyncapi-schemas';

const POST = {
  postId: '1900000000000000001',
  text: 'shipping #devops',
  authorName: 'Ada',
  username: 'ada',
  followers: 12,
  createdAt: '2026-11-20T10:00:00.000Z',
  lang: 'en',
  country: null,
  tag: '#devops',
  tags: ['#devops', '#sre'],
  countryName: null,
};

const SUMMARY: RunSummary = {
  run_id: '6f1c2b7e-8a4d-4c1e-9d0f-2b3a4c5d6e7f',
  trigger: 'request',
  source: 'sample',
  outcome: 'partial',
  started_at: '2026-11-29T20:00:00.000Z',
  finished_at: '2026-11-29T20:00:01.500Z',
  duration_ms: 1500,
  error: null,
  tags: [
    { tag: '#devops', status: 'ok', returned: 3, new_posts: 3, pages: 1, incomplete: false, error: null },
    {
      tag: '#sre',
      status: 'failed',
      returned: 0,
      new_posts: 0,
      pages: 0,
      incomplete: true,
      error: 'the outbox is full',
    },
  ],
};

const RUN = {
  id: 'run-1',
  track: ['#devops'],
  startedAt: '2026-11-29T20:00:00.000Z',
  endedAt: '2026-11-29T20:05:00.000Z',
  lastHeartbeatAt: '2026-11-29T20:05:00.000Z',
  elapsedMs: 300000,
  amount: 10,
  stored: 9,
  duplicates: 1,
  lost: 0,
  reconnects: 0,
  endReason: 'stopped',
};

describe('the AsyncAPI document and the events', () => {
  it('when docs/asyncapi.yaml is parsed, then the AsyncAPI parser reports nothing, not even information or hints', async () => {
    const { document, diagnostics } = await new Parser().parse(readFileSync(ASYNCAPI_PATH, 'utf8'));
    // Every severity: an information such as "not the latest AsyncAPI version" fails too.
    expect(diagnostics.map(({ code, message, path }) => ({ code, message, path }))).toEqual([]);
    expect(document?.version()).toBe('3.1.0');
    expect(
      document
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual(['twitter.posts.{tag}', 'twitter.runs']);
  });

  it('when each event is built, then it is a CloudEvent its schema in the document accepts', () => {
    const post = postStored(POST, 'stream');
    expect(post).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: '/twitter-api',
      type: 'post.stored',
      time: expect.any(String),
      subject: '1900000000000000001',
      datacontenttype: 'application/json',
      data: {
        post: {
          id: '1900000000000000001',
          tweet: 'shipping #devops',
          author: 'Ada',
          username: 'ada',
          followers: 12,
          created: '2026-11-20T10:00:00.000Z',
          lang: 'en',
          country: null,
          country_name: null,
          rash: '#devops',
        },
        author: { name: 'Ada', username: 'ada', followers: 12 },
        tag: '#devops',
        tags: ['#devops', '#sre'],
        source: 'stream',
      },
    });
    for (const event of [
      post,
      collectionFinished(SUMMARY),
      streamRunEvent('stream.run.started', { ...RUN, endedAt: null, endReason: null }),
      streamRunEvent('stream.run.ended', RUN),
    ]) {
      expectValidEvent(event);
    }
  });

  it('when an event breaks its schema, then the check fails naming the field', () => {
    const post = postStored(POST, 'collection');
    expect(() => expectValidEvent({ ...post, data: { ...post.data, source: 'elsewhere' } })).toThrow(
      /must be equal to one of the allowed values/,
    );
    expect(() => expectValidEvent({ ...post, unknown: 1 })).toThrow(/additional properties/);
  });

  /** A change as the writer stores it and the publishing thread reads it back. */
  const eventsOfChange = (change: OutboxChange) => {
    const { events, change: stored } = encodeChange(change);
    const ids = Array.from({ length: events }, (_, index) => `id-${index}`).join('\n');
    return eventsOf('acme', { events, ids, change: stored, createdAt: '2026-11-29T20:00:02.000Z' });
  };

  it('when a change is turned into events, then each goes to its subject under the prefix, with its row id and time', () => {
    const { countryName: _, ...tagged } = POST;
    const messages = eventsOfChange({
      kind: 'posts.stored',
      origin: 'collection',
      posts: [
        { ...tagged, country: 'PT' },
        { ...tagged, tag: '#café' },
      ],
    });
    expect(messages.map((message) => [message.id, message.subject])).toEqual([
      ['id-0', 'acme.posts.devops'],
      ['id-1', 'acme.posts.caf-c3a9'],
    ]);
    // the same text as serialising the event object, key for key; the country's name from the writer
    const origin = { id: 'id-0', time: '2026-11-29T20:00:02.000Z' };
    expect(messages[0]!.payload).toBe(
      JSON.stringify(postStored({ ...POST, country: 'PT', countryName: 'Portugal' }, 'collection', origin)),
    );
    expect(eventsOfChange({ kind: 'collection.finished', summary: SUMMARY })).toEqual([
      { id: 'id-0', subject: 'acme.runs', payload: JSON.stringify(collectionFinished(SUMMARY, origin)) },
    ]);
  });

  it.each([
    ['#devops', 'devops'],
    ['#sre_2', 'sre_2'],
    ['#café', 'caf-c3a9'],
    ['#日本', '-e697a5-e69cac'],
    ['#a.b*c>', 'a-2eb-2ac-3e'],
  ])('when the tag is %s, then its subject token is %s', (tag, token) => {
    expect(subjectToken(tag)).toBe(token);
  });
});
