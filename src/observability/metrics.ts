import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** prom-client gauges whose `_total` names `promtool check metrics` rejects (prom-client issue #608). */
const INVALID_DEFAULT_METRICS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** What one scrape reads from the database; only `up` when it cannot be reached. */
export interface DatabaseSnapshot {
  up: boolean;
  posts?: number;
  authors?: number;
  sizeBytes?: number;
}

export interface ScrapeSources {
  database(): Promise<DatabaseSnapshot>;
  logTransport(): { connected: boolean; dropped: number };
}

export type AppMetrics = ReturnType<typeof createMetrics>;

type Registers = Registry[];

/** Every metric of one app on its own registry, so several apps can live in one process (tests). */
export function createMetrics(options: { collectIntervalMinutes?: number } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  INVALID_DEFAULT_METRICS.forEach((name) => registry.removeSingleMetric(name));
  const registers = [registry];
  const collection = collectionMetrics(registers, options.collectIntervalMinutes ?? 0);
  return {
    registry,
    ...httpMetrics(registers),
    ...collection,
    ...collectionRecorders(collection),
    live: liveMetrics(registers),
    leader: leaderMetrics(registers),
    ...streamMetrics(registers),
    events: eventMetrics(registers),
    /** Gauges read when Prometheus scrapes: stored rows, file size, the log transport. */
    bindScrapeSources: (sources: ScrapeSources) => bindScrapeSources(registers, sources),
  };
}

function httpMetrics(registers: Registers) {
  return {
    httpRequests: new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served, by route template and status code.',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route template and status code.',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    httpInFlight: new Gauge({
      name: 'http_requests_in_flight',
      help: 'HTTP requests being served.',
      registers,
    }),
  };
}

function collectionMetrics(registers: Registers, collectIntervalMinutes: number) {
  const metrics = {
    collectedPosts: new Counter({
      name: 'twitterapi_collected_posts_total',
      help: 'Posts returned by collections (new or already stored), by tag.',
      labelNames: ['tag'] as const,
      registers,
    }),
    xApiRequests: new Counter({
      name: 'twitterapi_x_api_requests_total',
      help: 'X API requests by endpoint and status (HTTP status, or timeout / network_error / invalid_body).',
      labelNames: ['endpoint', 'status'] as const,
      registers,
    }),
    xApiRateLimitRemaining: new Gauge({
      name: 'twitterapi_x_api_rate_limit_remaining',
      help: 'The latest x-rate-limit-remaining the X API returned, by endpoint.',
      labelNames: ['endpoint'] as const,
      registers,
    }),
    collectionRuns: new Counter({
      name: 'twitterapi_collection_runs_total',
      help: 'Collection runs by outcome (success, partial, failed).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    ...collectionGauges(registers),
  };
  metrics.collectionInterval.set(collectIntervalMinutes * 60);
  metrics.lastSuccess.set(0);
  for (const outcome of ['success', 'partial', 'failed']) metrics.collectionRuns.inc({ outcome }, 0);
  return metrics;
}

function leaderMetrics(registers: Registers) {
  return {
    isLeader: new Gauge({
      name: 'twitterapi_collector_leader',
      help: '1 while this replica holds the collector lease (runs the collections), else 0.',
      registers,
    }),
    renewals: new Counter({
      name: 'twitterapi_leader_lease_renewals_total',
      help: 'Collector lease renewals by this replica while it held the lease.',
      registers,
    }),
    takeovers: new Counter({
      name: 'twitterapi_leader_lease_takeovers_total',
      help: 'Collector leases this replica took over after another holder let them expire.',
      registers,
    }),
    notifyListening: new Gauge({
      name: 'twitterapi_replica_notify_listening',
      help: 'PostgreSQL: 1 while this replica listens (LISTEN/NOTIFY) for the posts other replicas store, else 0 (they are then found by polling).',
      registers,
    }),
  };
}

function liveMetrics(registers: Registers) {
  const metrics = {
    clients: new Gauge({
      name: 'twitterapi_live_clients',
      help: 'Clients connected to the live event stream (GET /live/events).',
      registers,
    }),
    eventsSent: new Counter({
      name: 'twitterapi_live_events_sent_total',
      help: 'Live event-stream events written to clients, by type (post, stats, reload).',
      labelNames: ['type'] as const,
      registers,
    }),
    clientsDropped: new Counter({
      name: 'twitterapi_live_clients_dropped_total',
      help: 'Live event-stream clients dropped, by reason (slow: over LIVE_CLIENT_BUFFER_BYTES for LIVE_SLOW_CLIENT_MS).',
      labelNames: ['reason'] as const,
      registers,
    }),
    clientsRefused: new Counter({
      name: 'twitterapi_live_clients_refused_total',
      help: 'Live event-stream connections refused, by cap (clients: LIVE_MAX_CLIENTS, 503; address: LIVE_MAX_CLIENTS_PER_ADDRESS, 429; resumes: LIVE_RESUMES_PER_MINUTE, 429; closing: 503).',
      labelNames: ['cap'] as const,
      registers,
    }),
    replayRequests: new Counter({
      name: 'twitterapi_live_replay_requests_total',
      help: 'Live event-stream connections with a Last-Event-ID, by outcome (replayed, reload: older than the window).',
      labelNames: ['outcome'] as const,
      registers,
    }),
  };
  for (const type of ['post', 'stats', 'reload']) metrics.eventsSent.inc({ type }, 0);
  for (const outcome of ['replayed', 'reload']) metrics.replayRequests.inc({ outcome }, 0);
  metrics.clientsDropped.inc({ reason: 'slow' }, 0);
  for (const cap of ['clients', 'address', 'resumes', 'closing']) metrics.clientsRefused.inc({ cap }, 0);
  return metrics;
}

function collectionGauges(registers: Registers) {
  return {
    collectionDuration: new Histogram({
      name: 'twitterapi_collection_duration_seconds',
      help: 'Wall time of collection runs in seconds.',
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers,
    }),
    lastSuccess: new Gauge({
      name: 'twitterapi_last_successful_collection_timestamp_seconds',
      help: 'Unix time of the end of the last collection run whose outcome was success (0 before the first).',
      registers,
    }),
    tagIncomplete: new Gauge({
      name: 'twitterapi_collection_tag_incomplete',
      help: 'By tag: 1 while an interrupted run left a range of its posts unfetched (filled by the next runs, or dropped once it leaves the 7-day search window), else 0.',
      labelNames: ['tag'] as const,
      registers,
    }),
    collectionInterval: new Gauge({
      name: 'twitterapi_collection_interval_seconds',
      help: 'The configured collection schedule in seconds (0 = no schedule).',
      registers,
    }),
    readCacheBytes: new Gauge({
      name: 'twitterapi_read_cache_bytes',
      help: 'Bytes of serialised answers held by the read cache (bounded by READ_CACHE_MAX_BYTES).',
      registers,
    }),
    readCacheEvictions: new Counter({
      name: 'twitterapi_read_cache_evictions_total',
      help: 'Cached answers evicted, least recently used first, to stay within READ_CACHE_MAX_BYTES.',
      registers,
    }),
  };
}

/** What the collector and the X API source report, in plain values. */
function collectionRecorders(metrics: ReturnType<typeof collectionMetrics>) {
  return {
    /** One collection run ended: its outcome (success, partial, failed), wall time and end. */
    recordRun(outcome: string, durationMs: number, finishedAtMs: number): void {
      metrics.collectionRuns.inc({ outcome });
      metrics.collectionDuration.observe(durationMs / 1000);
      if (outcome === 'success') metrics.lastSuccess.set(finishedAtMs / 1000);
    },
    recordCollectedPosts(tag: string, returned: number): void {
      metrics.collectedPosts.inc({ tag }, returned);
    },
    setTagIncomplete(tag: string, incomplete: boolean): void {
      metrics.tagIncomplete.set({ tag }, incomplete ? 1 : 0);
    },
    recordXApiCall(endpoint: string, status: string, rateLimitRemaining?: number): void {
      metrics.xApiRequests.inc({ endpoint, status });
      if (rateLimitRemaining !== undefined)
        metrics.xApiRateLimitRemaining.set({ endpoint }, rateLimitRemaining);
    },
  };
}

function bindScrapeSources(registers: Registers, sources: ScrapeSources): void {
  // The database gauges are read in one scrape: share one snapshot between them. A gauge keeps its
  // last value while the database is unreachable; twitterapi_database_up says so.
  let reading: Promise<DatabaseSnapshot> | undefined;
  const snapshot = () => (reading ??= sources.database().finally(() => (reading = undefined)));
  const setIfKnown = (gauge: Gauge, value: number | undefined) => {
    if (value !== undefined) gauge.set(value);
  };
  new Gauge({
    name: 'twitterapi_database_up',
    help: '1 while the database answers, 0 while it cannot be reached.',
    registers,
    async collect() {
      this.set((await snapshot()).up ? 1 : 0);
    },
  });
  new Gauge({
    name: 'twitterapi_posts_stored',
    help: 'Posts stored in the database.',
    registers,
    async collect() {
      setIfKnown(this, (await snapshot()).posts);
    },
  });
  new Gauge({
    name: 'twitterapi_authors_stored',
    help: 'Authors stored in the database.',
    registers,
    async collect() {
      setIfKnown(this, (await snapshot()).authors);
    },
  });
  new Gauge({
    name: 'twitterapi_database_size_bytes',
    help: 'Size of the database in bytes: the SQLite files (WAL included), or pg_database_size.',
    registers,
    async collect() {
      setIfKnown(this, (await snapshot()).sizeBytes);
    },
  });
  bindLogTransport(registers, sources);
}

function bindLogTransport(registers: Registers, sources: ScrapeSources): void {
  new Counter({
    name: 'twitterapi_log_lines_dropped_total',
    help: 'Log lines the Logstash transport dropped because its queue was full.',
    registers,
    collect() {
      const dropped = sources.logTransport().dropped;
      this.reset();
      this.inc(dropped);
    },
  });
  new Gauge({
    name: 'twitterapi_logstash_connected',
    help: '1 while the Logstash transport is connected, else 0.',
    registers,
    collect() {
      this.set(sources.logTransport().connected ? 1 : 0);
    },
  });
}

function streamMetrics(registers: Registers) {
  const counter = (name: string, help: string) => new Counter({ name, help, registers });
  return {
    streamMessages: counter('twitterapi_stream_messages_total', 'Posts the live stream delivered.'),
    streamStored: counter('twitterapi_stream_stored_total', 'Stream posts stored for the first time.'),
    streamDuplicates: counter(
      'twitterapi_stream_duplicates_total',
      'Stream posts that were stored already (or came twice in one batch).',
    ),
    streamMalformed: counter(
      'twitterapi_stream_malformed_total',
      'Stream lines that were not JSON, not a known message, or a post that could not be stored.',
    ),
    streamLost: counter(
      'twitterapi_stream_lost_total',
      'Stream posts received and never stored: their write failed for good (not a database outage, which is retried), or the run ended while it was retried.',
    ),
    streamWriteBacklog: new Gauge({
      name: 'twitterapi_stream_write_backlog',
      help: 'Stream posts received and not yet written; at STREAM_MAX_QUEUED_POSTS the run disconnects until fewer than half wait.',
      registers,
    }),
    streamReconnects: reconnectCounter(registers),
    streamConnected: new Gauge({
      name: 'twitterapi_stream_connected',
      help: '1 while the stream connection is open, else 0.',
      registers,
    }),
    streamActive: new Gauge({
      name: 'twitterapi_stream_run_active',
      help: '1 while a stream run is active (launched and not stopped), else 0.',
      registers,
    }),
    streamLag: new Gauge({
      name: 'twitterapi_stream_lag_seconds',
      help: 'Now minus the creation time of the newest stream post written.',
      registers,
    }),
    ...streamHolderMetrics(registers),
  };
}

/** Which replica holds the deployment's run, and how long a launched run has gone without one. */
function streamHolderMetrics(registers: Registers) {
  const handovers = new Counter({
    name: 'twitterapi_stream_handovers_total',
    help: 'Stream run handovers between replicas, by reason (handover: taken up after its holder left it; holder_lost: its holder stopped its heartbeat; lease_lost, ended_elsewhere: given up here).',
    labelNames: ['reason'] as const,
    registers,
  });
  ['handover', 'holder_lost', 'lease_lost', 'ended_elsewhere'].forEach((reason) =>
    handovers.inc({ reason }, 0),
  );
  return {
    streamHandovers: handovers,
    streamHeld: new Gauge({
      name: 'twitterapi_stream_run_held',
      help: '1 on the replica that holds the stream run (its connection to X), else 0.',
      registers,
    }),
    streamUnheldSeconds: new Gauge({
      name: 'twitterapi_stream_run_unheld_seconds',
      help: 'Seconds since the holder of the launched stream run last saved its heartbeat, while no live replica holds it; 0 while one does or none is launched.',
      registers,
    }),
    streamLeaseTtlSeconds: new Gauge({
      name: 'twitterapi_stream_lease_ttl_seconds',
      help: 'The lease TTL (LEADER_LEASE_TTL_MS) in seconds: a run unheld for longer is alerted on.',
      registers,
    }),
  };
}

/** The usual reasons start at 0, so dashboards and alerts see the series before the first reconnect. */
function reconnectCounter(registers: Registers) {
  const counter = new Counter({
    name: 'twitterapi_stream_reconnects_total',
    help: 'Stream reconnections, by reason (network, stall, operational_disconnect, http_<status>, outbox_full, write_backlog).',
    labelNames: ['reason'] as const,
    registers,
  });
  ['network', 'stall', 'operational_disconnect', 'http_429', 'http_503'].forEach((reason) =>
    counter.inc({ reason }, 0),
  );
  return counter;
}

/** The outbox and its relay to NATS JetStream (src/events/). */
function eventMetrics(registers: Registers) {
  return {
    outboxDepth: new Gauge({
      name: 'twitterapi_outbox_depth',
      help: 'Events written to the outbox and not yet acknowledged by NATS JetStream.',
      registers,
    }),
    outboxOldestAge: new Gauge({
      name: 'twitterapi_outbox_oldest_age_seconds',
      help: 'Age of the oldest event waiting in the outbox (0 when empty).',
      registers,
    }),
    published: new Counter({
      name: 'twitterapi_events_published_total',
      help: 'Events JetStream acknowledged, each counted once when its outbox row is removed (a duplicate it dropped by message id counts too).',
      registers,
    }),
    publishFailures: new Counter({
      name: 'twitterapi_events_publish_failures_total',
      help: 'Relay attempts that failed (NATS unreachable, no acknowledgement in time, stream missing).',
      registers,
    }),
    outboxFull: new Gauge({
      name: 'twitterapi_outbox_full',
      help: '1 while the outbox holds OUTBOX_MAX_ROWS events and collection is paused, else 0.',
      registers,
    }),
  };
}
