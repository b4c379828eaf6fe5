import { area, setting } from './setting';
import { integer, text, trustProxy } from './schemas';

export const httpArea = area({
  title: 'HTTP server',
  about:
    'Slow or idle clients cannot hold sockets for ever: past its time a client gets 408, and connections beyond ' +
    '`HTTP_MAX_CONNECTIONS` are closed at once. `TRUST_PROXY` says whose `X-Forwarded-For` is believed for ' +
    'the client address; behind a reverse proxy on another host, name its address or range, as anyone else ' +
    'allowed there could write their own header.',
  fields: {
    port: setting('PORT', integer(0, 65535), {
      default: 5000,
      doc: 'the port the API listens on (`0`: one the system picks, named in the `app.start` log line)',
    }),
    host: setting('HOST', text, { default: '0.0.0.0', doc: 'the address the API listens on' }),
    trustProxy: setting('TRUST_PROXY', trustProxy, {
      default: ['loopback'],
      shown: '`loopback`; `false` in compose',
      doc: 'whose `X-Forwarded-For` gives the client address (logs, admin authentication limit): `false`, a number of proxies, or addresses, CIDR ranges and their names (`loopback`, `linklocal`, `uniquelocal`)',
    }),
    http: {
      headersTimeoutMs: setting('HTTP_HEADERS_TIMEOUT_MS', integer(100, 600000), {
        default: 10000,
        doc: 'time a client gets to send the request line and headers, then 408 (at most `HTTP_REQUEST_TIMEOUT_MS`)',
      }),
      requestTimeoutMs: setting('HTTP_REQUEST_TIMEOUT_MS', integer(100, 3600000), {
        default: 30000,
        doc: 'time a client gets to send its whole request, then 408 (not the time to answer it)',
      }),
      keepAliveTimeoutMs: setting('HTTP_KEEP_ALIVE_TIMEOUT_MS', integer(100, 600000), {
        default: 5000,
        doc: 'idle keep-alive connections close after this; behind a load balancer, longer than its idle timeout',
      }),
      maxConnections: setting('HTTP_MAX_CONNECTIONS', integer(1, 1000000), {
        default: 1000,
        doc: 'open connections beyond which new ones are dropped at once (logged at most every 10 s)',
      }),
    },
    readCacheMaxBytes: setting('READ_CACHE_MAX_BYTES', integer(65536, 1073741824), {
      default: 32 * 1024 * 1024,
      shown: '`33554432` (32 MiB)',
      doc: "bytes of serialised answers the read cache keeps (least recently used evicted first); 65536 and up. They live outside the V8 heap: count them in the container's memory",
    }),
    adminToken: setting('ADMIN_TOKEN', text.min(16, 'at least 16 characters'), {
      shown: 'generated',
      secret: true,
      doc: 'bearer token for `/database` (16+ characters, e.g. from `openssl rand -hex 24`); when unset a random one is generated at each start and printed once to stderr',
    }),
    adminMaxFailedAuth: setting('ADMIN_MAX_FAILED_AUTH', integer(1, 10000), {
      default: 10,
      doc: 'failed admin authentications per client address in 15 minutes; then its admin requests get 429 until the window ends',
    }),
    shutdownTimeoutMs: setting('SHUTDOWN_TIMEOUT_MS', integer(100, 120000), {
      default: 10000,
      doc: 'time given to in-flight requests, the running collection and log shipping on SIGTERM',
    }),
  },
});
