import { readFileSync } from 'node:fs';
import { normaliseTag } from '../../tags';
import type { SearchPage, SearchParams, XPlace, XPost, XUser } from '../types';

/** A recent-search response file (the bundled sample), indexed for searching. */
export interface Corpus {
  /** the "now" the corpus was generated for: its posts lie in the 7 days before it */
  referenceDate: Date;
  /** newest first */
  posts: XPost[];
  users: Map<string, XUser>;
  places: Map<string, XPlace>;
}

export function loadCorpus(path: string): Corpus {
  const file = readJson(path) as SearchPage & { synthetic?: { reference_date?: string } };
  if (!Array.isArray(file.data) || !Array.isArray(file.includes?.users)) {
    throw new Error(`${path} is not a recent-search response: it needs "data" and "includes.users"`);
  }
  const bad = file.data.findIndex(
    (post) => !/^\d{1,19}$/.test(String(post?.id)) || Number.isNaN(Date.parse(String(post?.created_at))),
  );
  if (bad >= 0) throw new Error(`${path}: data[${bad}] needs a numeric string "id" and an ISO "created_at"`);
  const newest = file.data.reduce((max, post) => Math.max(max, Date.parse(post.created_at)), 0);
  return {
    referenceDate: new Date(file.synthetic?.reference_date ?? newest),
    posts: [...file.data].sort((a, b) => compareIds(b.id, a.id)),
    users: new Map(file.includes.users.map((user) => [user.id, user])),
    places: new Map((file.includes.places ?? []).map((place) => [place.id, place])),
  };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the corpus ${path}: ${(error as Error).message}`, { cause: error });
  }
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

/** Answers a recent search over the corpus as X does: newest first, 7 days back from `now`, paginated. */
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
  const sinceId = params.since_id === undefined ? undefined : parseId('since_id', params.since_id);
  if (sinceId !== undefined && Number((sinceId >> 22n) + X_EPOCH_MS) < nowMs - WINDOW_MS) {
    throw invalid(
      'since_id',
      params.since_id!,
      `Invalid 'since_id':'${params.since_id}'. 'since_id' must be a tweet id created after ${new Date(nowMs - WINDOW_MS).toISOString().replace(/\.\d{3}Z$/, 'Z')}.`,
    );
  }
  const before = params.next_token === undefined ? undefined : decodeToken(params.next_token);
  const found = corpus.posts.filter((post) => {
    const time = Date.parse(post.created_at);
    if (time > nowMs || time < nowMs - WINDOW_MS) return false;
    const id = BigInt(post.id);
    if (sinceId !== undefined && id <= sinceId) return false;
    if (before !== undefined && id >= before) return false;
    return matches(post);
  });
  const page = found.slice(0, max);
  const more = found.length > max;
  return pageOf(corpus, page, more ? encodeToken(page.at(-1)!.id) : undefined);
}

function pageOf(corpus: Corpus, posts: XPost[], nextToken: string | undefined): SearchPage {
  if (posts.length === 0) return { meta: { result_count: 0 } };
  const userIds = new Set(posts.map((post) => post.author_id));
  const placeIds = new Set(posts.flatMap((post) => (post.geo?.place_id ? [post.geo.place_id] : [])));
  const places = [...placeIds].flatMap((id) => corpus.places.get(id) ?? []);
  return {
    data: posts,
    includes: {
      users: [...userIds].flatMap((id) => corpus.users.get(id) ?? []),
      ...(places.length && { places }),
    },
    meta: {
      newest_id: posts[0]!.id,
      oldest_id: posts.at(-1)!.id,
      result_count: posts.length,
      ...(nextToken && { next_token: nextToken }),
    },
  };
}

/** `#a #b` (both), `#a OR #b` (either), and `-is:retweet`, which every corpus post satisfies. */
function parseQuery(query: string): (post: XPost) => boolean {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  const groups: string[][] = [[]];
  for (const term of terms) {
    const tag = term.startsWith('#') ? normaliseTag(term) : undefined;
    if (term === 'OR') groups.push([]);
    else if (tag) groups.at(-1)!.push(tag);
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

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
}
