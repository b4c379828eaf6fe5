import { area, setting } from './setting';
import { httpUrl, integer, text } from './schemas';

export const liveArea = area({
  title: 'The live page and its event stream',
  about:
    'The live page (`/`) follows `GET /live/events`, a server-sent event stream. Each client is written to ' +
    'from its own position, so a slow one never slows the others; the caps keep one address or one burst ' +
    'from taking every connection.',
  fields: {
    live: {
      maxClients: setting('LIVE_MAX_CLIENTS', integer(0, 100000), {
        default: 500,
        doc: 'event-stream clients (`GET /live/events`) one process serves; beyond, 503 with `Retry-After`. At most three quarters of `HTTP_MAX_CONNECTIONS`, so health checks and reads always find a connection',
      }),
      maxClientsPerAddress: setting('LIVE_MAX_CLIENTS_PER_ADDRESS', integer(1, 100000), {
        default: 10,
        doc: 'event-stream clients one client address (behind a trusted proxy, its `X-Forwarded-For`) may hold; beyond, 429 with `Retry-After`',
      }),
      slowClientMs: setting('LIVE_SLOW_CLIENT_MS', integer(100, 600000), {
        default: 10000,
        doc: 'how long a client may owe more than `LIVE_CLIENT_BUFFER_BYTES` before it is dropped as slow: a burst it drains in time never drops it',
      }),
      resumesPerMinute: setting('LIVE_RESUMES_PER_MINUTE', integer(1, 100000), {
        default: 30,
        doc: 'connections with a `Last-Event-ID` one client address may open a minute (each reads older events); beyond, 429 with `Retry-After`',
      }),
      replayWindow: setting('LIVE_REPLAY_WINDOW', integer(1, 1000000), {
        default: 10000,
        doc: 'newest post events kept for `Last-Event-ID` replay; a client further behind gets a `reload` event',
      }),
      clientBufferBytes: setting('LIVE_CLIENT_BUFFER_BYTES', integer(1024, 67108864), {
        default: 131072,
        doc: 'unsent bytes a client may owe: it is written to only below this bound, so a slow client holds at most about twice this, however far behind it falls',
      }),
      heartbeatMs: setting('LIVE_HEARTBEAT_MS', integer(50, 300000), {
        default: 15000,
        doc: 'milliseconds between heartbeat comments on an idle stream, so idle proxies keep it open',
      }),
    },
    links: {
      grafana: setting('GRAFANA_URL', text.pipe(httpUrl), {
        doc: 'Grafana link the live page shows when set (e.g. `http://localhost:3000/d/twitter-api`)',
      }),
      kibana: setting('KIBANA_URL', text.pipe(httpUrl), {
        doc: 'Kibana link the live page shows when set (e.g. `http://localhost:5601`)',
      }),
    },
  },
});
