import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CorpusQueryError, searchCorpus, type Corpus } from '../src/collector/sources/corpus';
import type { SearchPage } from '../src/collector/types';
import { nextFault, PROBLEMS, type FaultState, type Faults } from './faults';
import { selectFields } from './fields';
import { createRateWindow } from './rate-window';

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
  /** replaces the faults in force (POST /_emulator/faults merges instead) */
  setFaults(faults: Partial<Faults>): void;
  close(): Promise<void>;
}

const SEARCH = '/2/tweets/search/recent';
const ISSUED_TOKEN = 'emulator-app-only-token';

/** X API v2 recent search over a corpus, with switchable faults. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const state: FaultState = { faults: { ...options.faults }, searches: 0 };
  const requests: RecordedRequest[] = [];
  const hanging = new Set<http.ServerResponse>();
  const rateWindow = createRateWindow();

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

  function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, authorization: string): void {
    if (req.method === 'GET' && url.pathname === SEARCH) return search(res, url, authorization);
    if (req.method === 'POST' && url.pathname === '/oauth2/token') return token(res, authorization);
    if (url.pathname === '/_emulator/faults') return faultsEndpoint(req, res);
    send(res, 404, {
      title: 'Not Found Error',
      detail: `Sorry, that page does not exist: ${url.pathname}`,
      type: 'about:blank',
      status: 404,
    });
  }

  function search(res: http.ServerResponse, url: URL, authorization: string): void {
    const accepted = options.bearerToken ?? (options.consumerKey ? ISSUED_TOKEN : undefined);
    const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (!bearer || (accepted !== undefined && bearer !== accepted))
      return send(res, 401, PROBLEMS.unauthorized);
    const nowMs = Date.now();
    const allowed = rateWindow.take(nowMs);
    const rateHeaders = rateWindow.headers(nowMs);
    if (!allowed) return send(res, 429, PROBLEMS.tooManyRequests, rateHeaders);
    const page = pageIndex(url);
    const fault = nextFault(state, page, nowMs);
    if (fault.kind === 'hang') {
      hanging.add(res);
      return;
    }
    if (fault.kind === 'status')
      return send(res, fault.status, fault.body, { ...rateHeaders, ...fault.headers });
    if (fault.kind === 'non_json') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>upstream error</body></html>');
      return;
    }
    let body: SearchPage;
    try {
      body = searchCorpus(options.corpus, paramsOf(url), {
        now: options.now ?? options.corpus.referenceDate,
      });
    } catch (error) {
      if (error instanceof CorpusQueryError) return send(res, 400, error.body, rateHeaders);
      throw error;
    }
    body = selectFields(body, url.searchParams);
    const partial = state.faults.partialErrorsOnPage;
    if ((partial === true || partial === page + 1) && body.data?.length) {
      body = {
        ...body,
        errors: [
          {
            value: '1',
            detail: 'Could not find user with id: [1].',
            title: 'Not Found Error',
            resource_type: 'user',
            parameter: 'id',
            resource_id: '1',
            type: 'https://api.twitter.com/2/problems/resource-not-found',
          },
        ],
      };
    }
    if (fault.kind === 'truncate') {
      const json = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders });
      res.end(json.slice(0, Math.floor(json.length / 2)));
      return;
    }
    send(res, 200, body, rateHeaders);
  }

  function token(res: http.ServerResponse, authorization: string): void {
    const expected = `Basic ${Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64')}`;
    if (!options.consumerKey || authorization !== expected) {
      return send(res, 403, {
        errors: [
          { code: 99, message: 'Unable to verify your credentials', label: 'authenticity_token_error' },
        ],
      });
    }
    send(res, 200, { token_type: 'bearer', access_token: ISSUED_TOKEN });
  }

  function faultsEndpoint(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (req.method !== 'POST') return send(res, 200, state.faults);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      try {
        state.faults = { ...state.faults, ...(JSON.parse(body || '{}') as Faults) };
        send(res, 200, state.faults);
      } catch {
        send(res, 400, {
          title: 'Invalid Request',
          detail: 'the body must be a JSON object of faults',
          type: 'about:blank',
          status: 400,
        });
      }
    });
  }

  /** Which page of its query a request asks for (0 = the first), from the pagination token. */
  function pageIndex(url: URL): number {
    const token = url.searchParams.get('next_token');
    if (!token) return 0;
    const params = paramsOf(url);
    let index = 0;
    let next: string | undefined;
    try {
      do {
        next = searchCorpus(
          options.corpus,
          { ...params, next_token: next },
          { now: options.now ?? options.corpus.referenceDate },
        ).meta.next_token;
        index += 1;
      } while (next && next !== token && index < 1000);
    } catch {
      return 0;
    }
    return index;
  }

  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    requests,
    setFaults(faults) {
      state.faults = { ...faults };
    },
    close: () =>
      new Promise((resolve) => {
        hanging.forEach((res) => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function paramsOf(url: URL) {
  const max = url.searchParams.get('max_results');
  return {
    query: url.searchParams.get('query') ?? '',
    max_results: max === null ? 10 : Number(max),
    since_id: url.searchParams.get('since_id') ?? undefined,
    next_token: url.searchParams.get('next_token') ?? undefined,
  };
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const problem =
    status >= 400 && typeof body === 'object' && body !== null && 'title' in body && 'type' in body;
  res.writeHead(status, {
    'content-type': `application/${problem ? 'problem+json' : 'json'}; charset=utf-8`,
    ...headers,
  });
  res.end(JSON.stringify(body));
}
