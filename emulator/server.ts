import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Corpus } from '../src/x/corpus';
import { PROBLEMS, take, type FaultState, type Faults } from './faults';
import { BAD_CREDENTIALS, BAD_FAULTS, NOT_FOUND, send } from './http';
import { createRateWindow } from './rate-window';
import { answerSearch, type SearchContext } from './search';
import { createLiveReplay } from '../src/stream/sources/live-replay';
import { answerStream, type StreamContext } from './stream';
import { answerRules, createRuleStore } from './stream-rules';

export interface EmulatorOptions {
  corpus: Corpus;
  /** 0 = an ephemeral port */
  port?: number;
  host?: string;
  /** the emulated present; the corpus's reference date unless told */
  now?: Date;
  faults?: Faults;
  /** the bearer token to accept; any when unset */
  bearerToken?: string;
  consumerKey?: string;
  consumerSecret?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorized: boolean;
}

export interface Emulator {
  url: string;
  requests: RecordedRequest[];
  /** the filtered stream's state: its rules, its open connections, posts sent */
  stream: StreamContext;
  /** replaces the faults in force (POST /_emulator/faults merges instead) */
  setFaults(faults: Partial<Faults>): void;
  /** moves the emulated present, and with it the 7-day search window */
  setNow(now: Date): void;
  close(): Promise<void>;
}

const SEARCH = '/2/tweets/search/recent';
const STREAM = '/2/tweets/search/stream';
const ISSUED_TOKEN = 'emulator-app-only-token';

/** X API v2 recent search over a corpus, with switchable faults. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const state: FaultState = { faults: { ...options.faults }, searches: 0 };
  const context = searchContext(options, state);
  const stream = streamContext(options, state, context.acceptedToken);
  const requests: RecordedRequest[] = [];
  const route = router(options, state, context, stream);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const authorization = req.headers.authorization ?? '';
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorized: authorization !== '',
    });
    const answer = () => route(req, res, url, authorization);
    if (state.faults.latencyMs) setTimeout(answer, state.faults.latencyMs);
    else answer();
  });

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    stream,
    setFaults(faults) {
      state.faults = { ...faults };
    },
    setNow(now) {
      context.now = now;
    },
    close: () =>
      new Promise((resolve) => {
        context.hanging.forEach((res) => res.destroy());
        stream.open.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POST /oauth2/token: the consumer key and secret, as Basic credentials, for an app-only token. */
function token(options: EmulatorOptions, res: http.ServerResponse, authorization: string): void {
  const expected = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;
  if (!options.consumerKey || authorization !== expected) return send(res, 403, BAD_CREDENTIALS);
  send(res, 200, { token_type: 'bearer', access_token: ISSUED_TOKEN });
}

/** GET shows the faults in force; POST merges a JSON object of faults into them. */
function faultsEndpoint(state: FaultState, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (req.method !== 'POST') return send(res, 200, state.faults);
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    try {
      state.faults = { ...state.faults, ...(JSON.parse(body || '{}') as Faults) };
      send(res, 200, state.faults);
    } catch {
      send(res, 400, BAD_FAULTS);
    }
  });
}

function searchContext(options: EmulatorOptions, state: FaultState): SearchContext {
  return {
    corpus: options.corpus,
    now: options.now ?? options.corpus.referenceDate,
    state,
    rateWindow: createRateWindow(),
    acceptedToken: options.bearerToken ?? (options.consumerKey ? ISSUED_TOKEN : undefined),
    hanging: new Set(),
  };
}

function streamContext(
  options: EmulatorOptions,
  state: FaultState,
  acceptedToken: string | undefined,
): StreamContext {
  return {
    corpus: options.corpus,
    faults: () => state.faults,
    rules: createRuleStore(),
    acceptedToken,
    open: new Set(),
    messageOf: createLiveReplay(options.corpus),
    sent: { posts: 0 },
    connections: { opened: 0, tooMany: 0 },
  };
}

/** Sends each request to its endpoint: recent search, the filtered stream and its rules, the token, faults. */
function router(options: EmulatorOptions, state: FaultState, context: SearchContext, stream: StreamContext) {
  return (req: http.IncomingMessage, res: http.ServerResponse, url: URL, authorization: string): void => {
    if (req.method === 'GET' && url.pathname === SEARCH)
      return answerSearch(context, res, url, authorization);
    if (req.method === 'GET' && url.pathname === STREAM)
      return answerStream(stream, res, url.searchParams, authorization);
    if (url.pathname === `${STREAM}/rules` && (req.method === 'GET' || req.method === 'POST')) {
      if (!/^Bearer ./.test(authorization)) return send(res, 401, PROBLEMS.unauthorized);
      return answerRules(stream.rules, req, res, state.faults);
    }
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      if (take(state.faults, 'resetTokenNext')) return void req.socket.destroy();
      return token(options, res, authorization);
    }
    if (url.pathname === '/_emulator/faults') return faultsEndpoint(state, req, res);
    send(res, 404, NOT_FOUND(url.pathname));
  };
}
