import { z } from 'zod';
import { area, presentWhen, setting } from './setting';
import { integer, text } from './schemas';

export const databaseArea = area({
  title: 'Database',
  about:
    'A SQLite file by default. With `DATABASE_URL`, PostgreSQL instead: the shared store of any number of ' +
    'replicas; the other `DATABASE_` variables then tune its connections.',
  fields: {
    databasePath: setting('DATABASE_PATH', text, {
      default: 'data/twitter.db',
      doc: 'SQLite file (WAL mode); its folder is created',
    }),
    databaseBusyRetryMs: setting('DATABASE_BUSY_RETRY_MS', integer(0, 600000), {
      default: 10000,
      doc: "how long a write is retried, without blocking the server, while another writer holds a lock it needs (SQLite's write lock held by `npm run collect`, a PostgreSQL deadlock); then 503 with `Retry-After`",
    }),
    postgres: presentWhen('url', {
      url: setting(
        'DATABASE_URL',
        text.pipe(z.url({ protocol: /^postgres(ql)?$/, error: 'a postgres:// or postgresql:// URL' })),
        {
          shown: 'unset (SQLite)',
          secret: (url) => [passwordOf(url)].filter((password) => password !== ''),
          doc: '`postgres://user:password@host:5432/db`: PostgreSQL as the shared store of any number of replicas, instead of `DATABASE_PATH`',
        },
      ),
      poolSize: setting('DATABASE_POOL_SIZE', integer(1, 1000), {
        default: 10,
        doc: 'PostgreSQL connections each process keeps at most',
      }),
      statementTimeoutMs: setting('DATABASE_STATEMENT_TIMEOUT_MS', integer(0, 3600000), {
        default: 30000,
        doc: 'PostgreSQL cancels a statement that runs longer (0: no limit)',
      }),
      sslMode: setting('DATABASE_SSL_MODE', z.enum(['disable', 'require', 'verify-full']), {
        default: 'disable',
        doc: 'PostgreSQL TLS: `disable`, `require` (encrypted, certificate not checked) or `verify-full` (checked against the system CAs)',
      }),
      connectRetryMs: setting('DATABASE_CONNECT_RETRY_MS', integer(0, 3600000), {
        default: 60000,
        doc: 'at start, how long an unreachable PostgreSQL is retried (with backoff) before exiting 1 with a line naming the host',
      }),
    }),
  },
});

function passwordOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}
