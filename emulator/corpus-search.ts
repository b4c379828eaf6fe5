import { pageOf, type Corpus } from '../src/x/corpus';
import type { SearchPage, XPost } from '../src/x/wire';
import { normaliseTag } from '../src/tags';

/** The query parameters of recent search the emulator understands. */
export interface SearchParams {
  /** e.g. `#devops -is:retweet` */
  query: string;
  since_id?: string;
  /** 10..100 */
  max_results: number;
  until_id?: string;
  next_token?: string;
}

/** A request recent search refuses, with the body X sends for it. */
export class CorpusQueryError extends Error {
  readonly status = 400;
  constructor(readonly body: Record<string, unknown>) {
    super(String(body.detail));
    this.name = 'CorpusQueryError';
  }
}

const WINDOW_MS = 7 * 24 * 3600 * 1000;
const X_EPOCH_MS = 1288834974657n;

/**
 * Answers a recent search over the corpus as X does: newest first, 7 days back from `now`, between
 * `since_id` and `until_id` (both exclusive), paginated.
 */
export function searchCorpus(corpus: Corpus, params: SearchParams, options: { now: Date }): SearchPage {
  const matches = parseQuery(params.query);
  const max = params.max_results;
  if (!Number.isInteger(max) || max < 10 || max > 100) {
    throw invalid(
      'max_results',
      String(max),
      `The \`max_results\` query parameter value [${max}] is not between 10 and 100`,
    );
  }
  const nowMs = options.now.getTime();
  const sinceId = boundary('since_id', params.since_id, nowMs);
  const untilId = boundary('until_id', params.until_id, nowMs);
  const before = params.next_token === undefined ? undefined : decodeToken(params.next_token);
  const upper = [untilId, before].reduce<bigint | undefined>(
    (lowest, id) => (id !== undefined && (lowest === undefined || id < lowest) ? id : lowest),
    undefined,
  );
  const found = corpus.posts.filter((post) => {
    const time = Date.parse(post.created_at);
    if (time > nowMs || time < nowMs - WINDOW_MS) return false;
    const id = BigInt(post.id);
    if (sinceId !== undefined && id <= sinceId) return false;
    if (upper !== undefined && id >= upper) return false;
    return matches(post);
  });
  const page = found.slice(0, max);
  const more = found.length > max;
  return pageOf(corpus, page, more ? encodeToken(page.at(-1)!.id) : undefined);
}

/** `since_id` and `until_id` must be ids, of posts created within the search window. */
function boundary(name: 'since_id' | 'until_id', value: string | undefined, nowMs: number) {
  if (value === undefined) return undefined;
  const id = parseId(name, value);
  const windowStart = nowMs - WINDOW_MS;
  if (Number((id >> 22n) + X_EPOCH_MS) < windowStart) {
    throw invalid(
      name,
      value,
      `Invalid '${name}':'${value}'. '${name}' must be a tweet id created after ${new Date(windowStart).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`,
    );
  }
  return id;
}

/** `#a #b` (both), `#a OR #b` (either), and `-is:retweet`, which every corpus post satisfies. */
function parseQuery(query: string): (post: XPost) => boolean {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  const groups: string[][] = [[]];
  for (const term of terms) {
    if (term === 'OR') groups.push([]);
    else if (term.startsWith('#') && normaliseTag(term)) groups.at(-1)!.push(normaliseTag(term)!);
    else if (term !== '-is:retweet') {
      throw invalid(
        'query',
        query,
        `There were errors processing your request: Reference to invalid operator '${term}'. Operator is not available in current product or product packaging.`,
      );
    }
  }
  if (groups.some((group) => group.length === 0)) {
    throw invalid(
      'query',
      query,
      'There were errors processing your request: the query needs at least one hashtag on each side of OR.',
    );
  }
  return (post) => {
    const tags = new Set((post.entities?.hashtags ?? []).map((hashtag) => normaliseTag(hashtag.tag)));
    // Adjacent terms bind tighter than OR in X's query language.
    return groups.some((group) => group.every((tag) => tags.has(tag)));
  };
}

function parseId(name: string, value: string): bigint {
  if (!/^\d{1,19}$/.test(value))
    throw invalid(
      name,
      value,
      `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`,
    );
  return BigInt(value);
}

const encodeToken = (oldestId: string) => Buffer.from(`before:${oldestId}`).toString('base64url');

function decodeToken(token: string): bigint {
  const match = /^before:(\d{1,19})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match)
    throw invalid(
      'next_token',
      token,
      `The \`next_token\` query parameter value [${token}] is not a valid pagination token`,
    );
  return BigInt(match[1]!);
}

function invalid(parameter: string, value: string, message: string): CorpusQueryError {
  return new CorpusQueryError({
    errors: [{ parameters: { [parameter]: [value] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}
