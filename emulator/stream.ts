import type http from 'node:http';
import type { Corpus } from '../src/x/corpus';
import type { XPost } from '../src/x/wire';
import { type createLiveReplay } from '../src/stream/sources/live-replay';
import { postMatchesTerm } from '../src/stream/terms';
import { PROBLEMS, type Faults } from './faults';
import { selectFields } from './fields';
import { send } from './http';
import type { Rule, RuleStore } from './stream-rules';

/** Faults of the filtered stream; "...Next" counters are used up one connection at a time. */
export interface StreamFaults {
  /** posts per second on each connection (default 10) */
  streamRate?: number;
  /** milliseconds between heartbeats (default 20000, as X) */
  streamHeartbeatMs?: number;
  /** answer the next N connections with 429 TooManyConnections */
  streamTooManyConnectionsNext?: number;
  /** answer the next N connections with 503 */
  streamUnavailableNext?: number;
  /** the next N connections open and then send nothing, not even heartbeats */
  streamSilenceNext?: number;
  /** every connection drops (socket destroyed) after this many posts */
  streamDisconnectAfterPosts?: number;
  /** every connection sends an operational-disconnect message after this many posts, then ends */
  streamOperationalDisconnectAfterPosts?: number;
  /** a line that is not JSON after every N posts */
  streamGarbageEvery?: number;
  /** every Nth post is sent twice */
  streamDuplicateEvery?: number;
}

export interface StreamContext {
  corpus: Corpus;
  faults: () => Faults;
  rules: RuleStore;
  acceptedToken: string | undefined;
  /** open stream answers; X allows one connection per app */
  open: Set<http.ServerResponse>;
  messageOf: ReturnType<typeof createLiveReplay>;
  /** posts sent over all connections, duplicates included */
  sent: { posts: number };
  /** connections opened (200), and refused with 429 because one was open or the fault said so */
  connections: { opened: number; tooMany: number };
}

export const TOO_MANY_CONNECTIONS = {
  title: 'ConnectionException',
  detail: 'This stream is currently at the maximum allowed connection limit.',
  connection_issue: 'TooManyConnections',
  type: 'https://api.twitter.com/2/problems/streaming-connection',
};

export const OPERATIONAL_DISCONNECT = {
  errors: [
    {
      title: 'operational-disconnect',
      disconnect_type: 'OperationalDisconnect',
      detail: 'This stream has been disconnected for operational reasons.',
      type: 'https://api.twitter.com/2/problems/operational-disconnect',
    },
  ],
};

const TICK_MS = 10;

function take(
  faults: Faults,
  key: 'streamTooManyConnectionsNext' | 'streamUnavailableNext' | 'streamSilenceNext',
) {
  const left = faults[key] ?? 0;
  if (left <= 0) return false;
  faults[key] = left - 1;
  return true;
}

/** GET /2/tweets/search/stream: the corpus posts matching the rules, live, with the faults in force. */
export function answerStream(
  context: StreamContext,
  res: http.ServerResponse,
  query: URLSearchParams,
  authorization: string,
): void {
  const faults = context.faults();
  const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (
    !bearer ||
    (context.acceptedToken !== undefined && bearer !== context.acceptedToken) ||
    faults.unauthorized
  ) {
    return send(res, 401, PROBLEMS.unauthorized);
  }
  if (faults.forbidden) return send(res, 403, PROBLEMS.forbidden);
  if (take(faults, 'streamTooManyConnectionsNext') || context.open.size > 0) {
    context.connections.tooMany += 1;
    return send(res, 429, TOO_MANY_CONNECTIONS);
  }
  if (take(faults, 'streamUnavailableNext')) return send(res, 503, PROBLEMS.unavailable);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.flushHeaders();
  context.open.add(res);
  context.connections.opened += 1;
  const timers: NodeJS.Timeout[] = [];
  res.on('close', () => {
    context.open.delete(res);
    timers.forEach(clearInterval);
  });
  if (take(faults, 'streamSilenceNext')) return;
  timers.push(setInterval(() => res.write('\r\n'), faults.streamHeartbeatMs ?? 20_000));
  timers.push(setInterval(emitter(context, res, query), TICK_MS));
}

/** Writes the posts due since the connection opened at each tick, with the per-post faults. */
function emitter(context: StreamContext, res: http.ServerResponse, query: URLSearchParams): () => void {
  const startedMs = Date.now();
  let due = 0;
  let sent = 0;
  let next = 0;
  return () => {
    const faults = context.faults();
    const rules = [...context.rules.rules.values()];
    const posts = matching(context.corpus, rules);
    const nowMs = Date.now();
    const target = Math.floor(((nowMs - startedMs) * (faults.streamRate ?? 10)) / 1000);
    const lines: string[] = [];
    for (; due < target && posts.length; due += 1) {
      const post = posts[next++ % posts.length]!;
      const live = context.messageOf(post, [], nowMs);
      const page = selectFields(
        { data: [live.data], includes: live.includes, meta: { result_count: 1 } },
        query,
      );
      const message = {
        data: page.data![0],
        ...(page.includes && { includes: page.includes }),
        matching_rules: rules.filter((rule) => matches(post, rule)).map(({ id, tag }) => ({ id, tag })),
      };
      const line = `${JSON.stringify(message)}\r\n`;
      lines.push(line);
      sent += 1;
      if (faults.streamDuplicateEvery && sent % faults.streamDuplicateEvery === 0) lines.push(line);
      if (faults.streamGarbageEvery && sent % faults.streamGarbageEvery === 0) lines.push('{"not json\r\n');
      if (sent === faults.streamOperationalDisconnectAfterPosts) {
        res.end(lines.join('') + `${JSON.stringify(OPERATIONAL_DISCONNECT)}\r\n`);
        return;
      }
      if (sent === faults.streamDisconnectAfterPosts) {
        res.write(lines.join(''), () => res.destroy());
        return;
      }
    }
    context.sent.posts += lines.length;
    if (lines.length) res.write(lines.join(''));
  };
}

const termOf = (rule: Rule) => rule.value.replace(/ -is:retweet$/, '');
const matches = (post: XPost, rule: Rule) => postMatchesTerm(post, termOf(rule));

let cache: { key: string; posts: XPost[] } | undefined;
function matching(corpus: Corpus, rules: Rule[]): XPost[] {
  const key = rules.map(termOf).join('\n');
  if (cache?.key !== key)
    cache = { key, posts: corpus.posts.filter((post) => rules.some((rule) => matches(post, rule))) };
  return cache.posts;
}
