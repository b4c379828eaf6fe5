import { area, setting } from './setting';
import { integer } from './schemas';

export const streamArea = area({
  title: 'Live stream',
  about:
    "`POST /launch` and `npm run stream` follow X's filtered stream, with the backoffs X documents (it sends " +
    'a heartbeat every 20 s); without credentials they replay the bundled sample.',
  fields: {
    stream: {
      stallTimeoutMs: setting('STREAM_STALL_TIMEOUT_MS', integer(50, 600000), {
        default: 30000,
        doc: 'silence on the stream (no post, no heartbeat; X sends one every 20 s) after which the connection is replaced',
      }),
      networkBackoffMs: setting('STREAM_NETWORK_BACKOFF_MS', integer(1, 60000), {
        default: 250,
        doc: 'linear backoff step after a network error or a stall: base, 2 x base, and so on',
      }),
      networkBackoffMaxMs: setting('STREAM_NETWORK_BACKOFF_MAX_MS', integer(1, 600000), {
        default: 16000,
        doc: 'the longest linear backoff',
      }),
      httpBackoffMs: setting('STREAM_HTTP_BACKOFF_MS', integer(1, 600000), {
        default: 5000,
        doc: 'first exponential backoff (with jitter) after an HTTP error',
      }),
      httpBackoffMaxMs: setting('STREAM_HTTP_BACKOFF_MAX_MS', integer(1, 3600000), {
        default: 320000,
        doc: 'the longest backoff after HTTP errors',
      }),
      rateLimitBackoffMs: setting('STREAM_RATE_LIMIT_BACKOFF_MS', integer(1, 3600000), {
        default: 60000,
        doc: 'first backoff after a 429 (too many requests or connections), doubling up to 16 x this',
      }),
      batchMs: setting('STREAM_BATCH_MS', integer(1, 60000), {
        default: 250,
        doc: 'streamed posts are written at least this often, one transaction each',
      }),
      batchSize: setting('STREAM_BATCH_SIZE', integer(1, 10000), {
        default: 500,
        doc: '...or as soon as this many wait',
      }),
      maxQueuedPosts: setting('STREAM_MAX_QUEUED_POSTS', integer(1, 1_000_000), {
        default: 20_000,
        doc: 'posts received and not yet written (the database slow, or away while their write is retried) at which a run disconnects from X, until fewer than half wait',
      }),
      sampleRate: setting('STREAM_SAMPLE_RATE', integer(1, 100000), {
        default: 5,
        doc: 'without X credentials, posts per second the bundled sample is replayed at as a live stream',
      }),
    },
  },
});
