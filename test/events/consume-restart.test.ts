import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { postStored } from '../../src/events/cloud-events';
import type { JetStreamLink } from '../../src/events/nats';
import { postsSubject } from '../../src/events/subjects';
import { buildStoredPost } from '../helpers/factories';
import { onJsonLines } from '../helpers/json-lines';
import {
  connectTestStream,
  deleteStream,
  describeWithNats,
  NATS_URL,
  natsAvailable,
  testStream,
} from '../helpers/nats';
import { until } from '../helpers/until';
import { expectValidEvent } from './asyncapi-schemas';

const root = join(__dirname, '..', '..');
const TOTAL = 400;

interface Consumer {
  child: ChildProcess;
  ids: string[];
  stderr(): string;
  stop(): Promise<number | null>;
}

describeWithNats(natsAvailable())('npm run consume', () => {
  const { stream, prefix } = testStream('consume-restart');
  let link: JetStreamLink;

  const consume = (): Consumer => {
    // tsx loaded into node, not the tsx CLI in front: the CLI kills a child that is slow to acknowledge SIGTERM.
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/consume.ts',
        '--subject',
        `${prefix}.posts.>`,
        '--durable',
        'restart-test',
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH, NATS_URL, NATS_STREAM: stream, NATS_SUBJECT_PREFIX: prefix },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const ids: string[] = [];
    let stderr = '';
    onJsonLines(child.stdout, (event) => {
      expectValidEvent(event);
      ids.push(event.id as string);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return {
      child,
      ids,
      stderr: () => stderr,
      stop: () => {
        child.kill('SIGTERM');
        return exited;
      },
    };
  };

  /** Stops it with SIGTERM; a failure shows what it printed on stderr. */
  const expectCleanExit = async (consumer: Consumer) => {
    const code = await consumer.stop();
    expect(code === 0 ? code : `exit code ${code}, stderr:\n${consumer.stderr()}`).toBe(0);
  };

  beforeAll(async () => {
    link = await connectTestStream({ stream, prefix });
  });

  afterAll(async () => {
    await link.nc.close();
    await deleteStream(stream);
  });

  it('when the consumer is restarted while events keep coming, then it misses none and sees none twice, in order', async () => {
    const published: string[] = [];
    const publish = async (from: number, to: number) => {
      for (let index = from; index < to; index++) {
        const event = postStored(
          buildStoredPost({
            postId: String(1_900_000_000_000_000_000n + BigInt(index)),
            tag: index % 2 ? '#devops' : '#sre',
          }),
          'collection',
        );
        await link.js.publish(postsSubject(prefix, event.data.tag), JSON.stringify(event), {
          msgID: event.id,
        });
        published.push(event.id);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    // The publisher is paced by the consumers, not by the clock, so a slow start of the
    // first consumer cannot let it read everything before it is stopped: a quarter is
    // published before it reads, a quarter while it stops, the rest while the second starts.
    const first = consume();
    await publish(0, TOTAL / 4);
    await until(() => first.ids.length >= 50, 'the first consumer reading', 20_000);
    const duringStop = publish(TOTAL / 4, TOTAL / 2);
    await expectCleanExit(first);
    await duringStop;
    expect(first.ids.length).toBeLessThanOrEqual(TOTAL / 2);
    const publishing = publish(TOTAL / 2, TOTAL);
    const second = consume();
    await publishing;
    await until(
      () => first.ids.length + second.ids.length >= TOTAL,
      'the second consumer catching up',
      20_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // a duplicate would arrive meanwhile
    await expectCleanExit(second);
    expect([...first.ids, ...second.ids]).toEqual(published);
    expect(first.stderr()).toContain(
      `consuming ${prefix}.posts.> from stream ${stream} as durable restart-test`,
    );
  }, 60_000);

  it('when NATS_URL is not a NATS URL, then it says so in one line and exits 1', async () => {
    const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/cli/consume.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, NATS_URL: 'http://user:hunter22@example.com' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe('NATS_URL is not a list of nats:// or tls:// URLs (http://***@example.com)\n');
  });
});
