/** What the page receives: the `/tweets` entry of each stored post, and stats every second. */
export interface PostEntry {
  id: string;
  tweet: string;
  author: string;
  username: string;
  followers: number;
  created: string;
  lang: string;
  country: string | null;
  rash: string;
}

export interface Stats {
  time: string;
  posts_per_second: number;
  tags: Record<string, number>;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface StreamHandlers {
  onPost(entry: PostEntry): void;
  onStats(stats: Stats): void;
  /** The missed posts are no longer kept: start the feed afresh. */
  onReload(): void;
  onState(state: ConnectionState): void;
}

const MAX_DELAY_MS = 30_000;

/**
 * The event stream with resume: the browser reconnects by itself after a dropped connection, sending
 * Last-Event-ID; when it gives up (an error status, e.g. while the server restarts), this reopens it
 * with the last id seen, backing off up to 30 s.
 */
export function openStream(tag: string, handlers: StreamHandlers): { close(): void } {
  let lastId: string | undefined;
  let source: EventSource | undefined;
  let retryTimer: number | undefined;
  let failures = 0;
  let closed = false;

  const url = () => {
    const params = new URLSearchParams();
    if (tag) params.set('tag', tag);
    if (lastId) params.set('last_event_id', lastId);
    const query = params.toString();
    return `/live/events${query ? `?${query}` : ''}`;
  };

  const connect = () => {
    handlers.onState(lastId === undefined && failures === 0 ? 'connecting' : 'reconnecting');
    source = new EventSource(url());
    source.addEventListener('open', () => {
      failures = 0;
      handlers.onState('open');
    });
    source.addEventListener('post', (event) => {
      lastId = (event as MessageEvent<string>).lastEventId || lastId;
      handlers.onPost(JSON.parse((event as MessageEvent<string>).data) as PostEntry);
    });
    source.addEventListener('stats', (event) => {
      handlers.onStats(JSON.parse((event as MessageEvent<string>).data) as Stats);
    });
    source.addEventListener('reload', (event) => {
      lastId = (event as MessageEvent<string>).lastEventId || lastId;
      handlers.onReload();
    });
    source.addEventListener('error', () => {
      if (closed) return;
      handlers.onState('reconnecting');
      if (source?.readyState === EventSource.CLOSED) {
        failures += 1;
        const delay = Math.min(MAX_DELAY_MS, 500 * 2 ** Math.min(failures, 6));
        retryTimer = window.setTimeout(connect, delay * (0.5 + Math.random() / 2));
      }
    });
  };

  connect();
  return {
    close() {
      closed = true;
      window.clearTimeout(retryTimer);
      source?.close();
    },
  };
}
