import { area, presentWhen, setting } from './setting';
import { integer, text } from './schemas';

/** The user:password or token parts of NATS server URLs (a secret even when the URL is shown without them). */
function natsPasswords(urls: string): string[] {
  // user:password gives the password; a lone token is the secret itself.
  return [...urls.matchAll(/\/\/([^@/]+)@/g)].map((match) => match[1]!.split(':').at(-1)!).filter(Boolean);
}

export const eventsArea = area({
  title: 'Events (NATS JetStream)',
  about:
    'With `NATS_URL`, every stored post and finished run is published to NATS JetStream through a ' +
    'transactional outbox; unset, events are off and nothing is written to the outbox.',
  fields: {
    events: presentWhen('url', {
      // Not validated here: a bad NATS_URL is one clear line at start, and the API still serves reads.
      url: setting('NATS_URL', text, {
        shown: 'unset (events off)',
        secret: natsPasswords,
        doc: 'NATS server(s) with JetStream, such as `nats://user:pass@nats:4222` (comma-separated for a cluster)',
      }),
      stream: setting(
        'NATS_STREAM',
        text.regex(/^[A-Za-z0-9_-]{1,64}$/, 'a stream name of letters, digits, _ and -'),
        { default: 'TWITTER', doc: 'the JetStream stream created or updated at start' },
      ),
      subjectPrefix: setting(
        'NATS_SUBJECT_PREFIX',
        text.regex(
          /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
          'subject tokens of letters, digits, _ and - joined by dots',
        ),
        {
          default: 'twitter',
          doc: 'first subject token: `<prefix>.posts.<tag>` and `<prefix>.runs`; the stream takes `<prefix>.>`',
        },
      ),
      replicas: setting('NATS_STREAM_REPLICAS', integer(1, 5), {
        default: 1,
        doc: "the stream's replicas (3 on a three-node cluster)",
      }),
      maxAgeHours: setting('NATS_STREAM_MAX_AGE_HOURS', integer(0, 87600), {
        default: 168,
        doc: 'events older than this leave the stream; `0` keeps them',
      }),
      maxBytes: setting('NATS_STREAM_MAX_BYTES', integer(0, 1099511627776), {
        default: 1073741824,
        shown: '`1073741824` (1 GiB)',
        doc: 'the stream drops its oldest events beyond this size; `0` for no limit',
      }),
      outboxMaxRows: setting('OUTBOX_MAX_ROWS', integer(1, 100000000), {
        default: 100000,
        doc: 'events the outbox holds while NATS is unreachable; when full, collection pauses (each tag stops with that reason, the next run resumes) and a stream run disconnects, rather than dropping events',
      }),
    }),
  },
});
