import { jetstreamManager } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { encodeChange } from '../../src/events/changes';
import { postStored } from '../../src/events/cloud-events';
import { buildStoredPost } from '../helpers/factories';
import { workerPublisher, type WorkerPublisher } from '../../src/events/worker-publisher';
import {
  deleteStream,
  describeWithNats,
  NATS_URL,
  natsAvailable,
  readStream,
  testStream,
  withNats,
} from '../helpers/nats';

describeWithNats(natsAvailable())('publishing on the worker thread', () => {
  const { stream, prefix } = testStream('worker-publisher');
  let publisher: WorkerPublisher;

  beforeAll(async () => {
    await withNats(async (nc) => {
      await (
        await jetstreamManager(nc)
      ).streams.add({
        name: stream,
        subjects: [`${prefix}.>`],
        duplicate_window: nanos(60_000),
      });
    });
    publisher = workerPublisher(NATS_URL, prefix);
  });

  afterAll(async () => {
    await publisher.close();
    await deleteStream(stream);
  });

  const post = (postId: string, tag: string) => buildStoredPost({ postId, tag });
  const event = (id: string, subject: string, payload: string) => ({
    events: 1,
    ids: id,
    change: JSON.stringify({ kind: 'event', subject, payload }),
    createdAt: '2026-11-29T20:00:00.000Z',
  });
  const rows = () => [
    {
      ...encodeChange({ kind: 'posts.stored', origin: 'stream', posts: [post('1', '#a'), post('2', '#b')] }),
      ids: 'e1\ne2',
      createdAt: '2026-11-29T20:00:00.000Z',
    },
    event('e3', `${prefix}.runs`, '{"n":3}'),
  ];

  it('when two rows are published twice, then each event is stored once, in order, under its id and subject', async () => {
    expect(await publisher.publish(rows())).toEqual({ count: 3 });
    expect(await publisher.publish(rows())).toEqual({ count: 3 }); // duplicates, acknowledged

    const delivered = await readStreamRaw();
    expect(delivered).toEqual([
      {
        msgId: 'e1',
        subject: `${prefix}.posts.a`,
        event: expect.objectContaining({ id: 'e1', subject: '1' }),
      },
      {
        msgId: 'e2',
        subject: `${prefix}.posts.b`,
        event: expect.objectContaining({ id: 'e2', subject: '2' }),
      },
      { msgId: 'e3', subject: `${prefix}.runs`, event: { n: 3 } },
    ]);
    expect(delivered[0]!.event).toEqual(
      postStored(post('1', '#a'), 'stream', {
        id: 'e1',
        time: '2026-11-29T20:00:00.000Z',
      }),
    );
  });

  it('when no stream takes a subject, then the batch counts the events before it and says why', async () => {
    const result = await publisher.publish([
      event('e4', `${prefix}.runs`, '{"n":4}'),
      event('e5', 'elsewhere.runs', '{"n":5}'),
    ]);
    expect(result).toEqual({ count: 1, error: 'no responders: no stream takes the subject' });
  });

  async function readStreamRaw() {
    return (await readStream(stream)).map((message) => ({
      msgId: message.msgId,
      subject: message.subject,
      event: message.event,
    }));
  }
});
