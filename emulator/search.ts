import type http from 'node:http';
import type { Corpus } from '../src/x/corpus';
import type { SearchPage } from '../src/x/wire';
import { CorpusQueryError, searchCorpus, type SearchParams } from './corpus-search';
import { nextFault, PROBLEMS, type FaultState } from './faults';
import { selectFields } from './fields';
import { PARTIAL_ERROR, send } from './http';
import type { RateWindow } from './rate-window';

export interface SearchContext {
  corpus: Corpus;
  /** the emulated present */
  now: Date;
  state: FaultState;
  rateWindow: RateWindow;
  /** the bearer token to accept; any when undefined */
  acceptedToken: string | undefined;
  /** answers the emulator holds forever (the hang fault), destroyed on close */
  hanging: Set<http.ServerResponse>;
}

/** GET /2/tweets/search/recent: authorisation, rate window, the fault in force, then the corpus. */
export function answerSearch(
  context: SearchContext,
  res: http.ServerResponse,
  url: URL,
  authorization: string,
) {
  const bearer = /^Bearer (.+)$/.exec(authorization)?.[1];
  if (!bearer || (context.acceptedToken !== undefined && bearer !== context.acceptedToken)) {
    return send(res, 401, PROBLEMS.unauthorized);
  }
  const nowMs = Date.now();
  const allowed = context.rateWindow.take(nowMs);
  const rateHeaders = context.rateWindow.headers(nowMs);
  if (!allowed) return send(res, 429, PROBLEMS.tooManyRequests, rateHeaders);
  const page = pageIndex(context, url);
  const fault = nextFault(context.state, page, nowMs);
  if (fault.kind === 'hang') return void context.hanging.add(res);
  if (fault.kind === 'status')
    return send(res, fault.status, fault.body, { ...rateHeaders, ...fault.headers });
  if (fault.kind === 'non_json') {
    return void res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<html><body>upstream error</body></html>');
  }
  let body: SearchPage;
  try {
    body = selectFields(searchCorpus(context.corpus, paramsOf(url), { now: context.now }), url.searchParams);
  } catch (error) {
    if (error instanceof CorpusQueryError) return send(res, 400, error.body, rateHeaders);
    throw error;
  }
  body = withPartialErrors(context, body, page);
  if (fault.kind === 'truncate') {
    const json = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...rateHeaders });
    return void res.end(json.slice(0, Math.floor(json.length / 2)));
  }
  send(res, 200, body, rateHeaders);
}

function withPartialErrors(context: SearchContext, body: SearchPage, page: number): SearchPage {
  const partial = context.state.faults.partialErrorsOnPage;
  if ((partial === true || partial === page + 1) && body.data?.length) {
    return { ...body, errors: [PARTIAL_ERROR] };
  }
  return body;
}

/** Which page of its query a request asks for (0 = the first), from the pagination token. */
function pageIndex(context: SearchContext, url: URL): number {
  const token = url.searchParams.get('next_token');
  if (!token) return 0;
  const params = paramsOf(url);
  let index = 0;
  let next: string | undefined;
  try {
    do {
      next = searchCorpus(context.corpus, { ...params, next_token: next }, { now: context.now }).meta
        .next_token;
      index += 1;
    } while (next && next !== token && index < 1000);
  } catch {
    return 0;
  }
  return index;
}

function paramsOf(url: URL): SearchParams {
  const max = url.searchParams.get('max_results');
  const optional = (name: string) => url.searchParams.get(name) ?? undefined;
  return {
    query: url.searchParams.get('query') ?? '',
    max_results: max === null ? 10 : Number(max),
    since_id: optional('since_id'),
    until_id: optional('until_id'),
    next_token: optional('next_token'),
  };
}
