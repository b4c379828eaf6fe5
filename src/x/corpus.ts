import { readFileSync } from 'node:fs';
import type { SearchPage, XPlace, XPost, XUser } from './wire';

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

/** One page of corpus posts with their users and places, in the recent-search shape. */
export function pageOf(corpus: Corpus, posts: XPost[], nextToken: string | undefined): SearchPage {
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

export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
}
