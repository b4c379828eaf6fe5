import { hostname } from 'node:os';
import { area, setting } from './setting';
import { integer, text, tagList } from './schemas';

export const DEFAULT_TAGS = [
  '#openbanking',
  '#remediation',
  '#devops',
  '#sre',
  '#microservices',
  '#observability',
  '#oauth',
  '#metrics',
  '#logmonitoring',
  '#opentracing',
] as const;

export const collectorArea = area({
  title: 'Collection',
  about:
    'A hashtag has one spelling (`src/tags.ts`): Unicode NFC, then lower case by locale-independent rules, ' +
    'with the dotted capital `İ` as a plain `i`, so `#İstanbul`, `#Istanbul` and `#istanbul` are one tag. ' +
    'Replicas sharing one database elect the one that collects through a lease in the database.',
  fields: {
    tags: setting('TAGS', tagList, {
      default: DEFAULT_TAGS,
      doc: 'comma-separated hashtags, with or without `#`: letters of any script with their combining marks (`#हिन्दी`, `#café`), digits and `_`, at most 100 characters each',
    }),
    tweetsPerTag: setting('TWEETS_PER_TAG', integer(1, 10000), {
      default: 100,
      doc: 'newest posts collected per tag and run (1..10000)',
    }),
    collect: {
      maxWaitSeconds: setting('COLLECT_MAX_WAIT_SECONDS', integer(0, 900), {
        default: 60,
        doc: 'a 429 resetting further away than this stops the tag as `rate_limited` instead of waiting',
      }),
      intervalMinutes: setting('COLLECT_INTERVAL_MINUTES', integer(0, 10080), {
        default: 0,
        shown: '`0` (off); `15` in docker compose',
        doc: "minutes between scheduled collections; `0`: only on first start and `GET /database` (the stack's collection-stale alert needs a schedule)",
      }),
      concurrency: setting('COLLECT_CONCURRENCY', integer(1, 10), {
        default: 3,
        doc: 'tags collected at once (1..10)',
      }),
    },
    leader: {
      leaseTtlMs: setting('LEADER_LEASE_TTL_MS', integer(300, 600000), {
        default: 15000,
        doc: 'the collector lease: replicas sharing a database elect the one that collects; renewed every third of this, taken over once it expired',
      }),
      replicaName: setting('HOSTNAME', text, {
        default: () => hostname(),
        shown: "the machine's host name",
        doc: "this replica's name in the collector lease (Docker and Kubernetes set it per container)",
      }),
      requestWaitMs: setting('COLLECTION_REQUEST_WAIT_MS', integer(1000, 86400000), {
        default: 600000,
        doc: 'replicas: how long `GET`/`DELETE /database` on a replica that is not the collector waits for the collector to carry it out, then 504 with `Retry-After` (the collection goes on)',
      }),
    },
  },
});
