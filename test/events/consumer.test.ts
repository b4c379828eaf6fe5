import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { postStored } from '../../src/events/cloud-events';
import { consumeEvents } from '../../src/events/consumer';
import type { JetStreamLink } from '../../src/events/nats';
import { postsSubject } from '../../src/events/subjects';
import { buildStoredPost } from '../helpers/factories';
import {
  connectTestStream,
  deleteStream,
  describeWithNats,
  NATS_URL,
  natsAvailable,
  testStream,
} from '../helpers/nats';
import { until } from '../helpers/until';

describeWithNats(natsAvailable())('consumeEvents', () => {
  const { stream, prefix } = testStream('consumer');
  let link: JetStreamLink;
  let reader: NatsConnection; // the consumer's own connection, as `npm run consume` has
  let nextPost = 0;

  const publish = async (count: number): Promise<string[]> => {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      const event = postStored(
        buildStoredPost({ postId: String(1_800_000_000_000_000_000n + BigInt(nextPost++)) }),
        'collection',
      );
      await link.js.publish(postsSubject(prefix, event.data.tag), JSON.stringify(event), {
        msgID: event.id,
      });
      ids.push(event.id);
    }
    return ids;
  };

  const consume = async (durable: string, onEvent: (payload: string) => Promise<void>, signal: AbortSignal) =>
    consumeEvents({
      js: jetstream(reader),
      jsm: await jetstreamManager(reader),
      stream,
      subject: `${prefix}.posts.>`,
      durable,
      signal,
      onEvent,
    });

  const idOf = (payload: string) => (JSON.parse(payload) as { id: string }).id;

  beforeAll(async () => {
    link = await connectTestStream({ stream, prefix });
    reader = await connect({ servers: NATS_URL });
  });

  afterAll(async () => {
    await reader.close();
    await link.nc.close();
    await deleteStream(stream);
  });

  it('when fetches expire while events keep arriving, then every event is handled once, in order', async () => {
    // Fewer events a second than a batch holds, so each fetch ends by expiring (1 s) with events in
    // flight. nats-server 2.9 ends some of those (about 1 in 30 here) in silence, which the client
    // reports as missed heartbeats: consuming failed there until it took that for the fetch's end.
    // Six seconds cross about six expiries: the old code failed here in 1 run of 4.
    const seen: string[] = [];
    const stopping = new AbortController();
    const consuming = consume(
      'expiring',
      (payload) => Promise.resolve(void seen.push(idOf(payload))),
      stopping.signal,
    );
    const published: string[] = [];
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      published.push(...(await publish(1)));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => seen.length >= published.length, 'every event published', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive meanwhile
    stopping.abort();
    expect(await consuming).toBe(published.length);
    expect(seen).toEqual(published);
  }, 30_000);

  it('when writing an event fails, then consuming fails with that error and leaves the event unacknowledged', async () => {
    await publish(1);
    const stopping = new AbortController();
    await expect(
      consume('failing', () => Promise.reject(new Error('EPIPE: stdout closed')), stopping.signal),
    ).rejects.toThrow('EPIPE: stdout closed');
    const info = await link.jsm.consumers.info(stream, 'failing');
    // Delivered but not acknowledged: the server delivers it again (to the next run) once its ack wait has passed.
    expect(info.delivered.stream_seq).toBeGreaterThanOrEqual(1);
    expect(info.ack_floor.stream_seq).toBe(0);
  });
});
