import { DEFAULT_TAGS } from '../src/config';
import type { SearchPage, XPlace, XPost, XUser } from '../src/x/wire';
import { prng, weighted } from '../data/sample/random';
import { LANGUAGES, LOCATIONS } from '../data/sample/vocabulary';

const COUNTRIES = ['PT', 'DE', 'BR', 'JP', 'US', 'FR', 'IN', 'ES'];

export interface SyntheticPage {
  tag: string;
  page: SearchPage;
}

/**
 * `total` posts as recent-search pages of 100, in the sample's shapes: ~1,000 authors with
 * heavy-tailed followers, 9 languages, ~10% with a place, ~15% under two tags, over 7 days.
 */
export function* syntheticPages(
  total: number,
  options: { seed?: number; end?: Date; authors?: number } = {},
): Generator<SyntheticPage> {
  const random = prng(options.seed ?? 42);
  const endMs = (options.end ?? new Date('2026-11-20T12:00:00.000Z')).getTime();
  const spanMs = 7 * 24 * 3600 * 1000;
  const users = syntheticUsers(options.authors ?? 1000, random);
  const places = syntheticPlaces();
  const tags = [...DEFAULT_TAGS];
  const byTag = new Map<string, XPost[]>();
  const usersById = new Map(users.map((user) => [user.id, user]));
  const placesById = new Map(places.map((place) => [place.id, place]));
  const pageOf = (tag: string, posts: XPost[]): SyntheticPage => {
    const data = [...posts].reverse();
    const pageUsers = new Set(data.map((post) => post.author_id));
    const pagePlaces = new Set(data.flatMap((post) => (post.geo?.place_id ? [post.geo.place_id] : [])));
    return {
      tag,
      page: {
        data,
        includes: {
          users: [...pageUsers].map((id) => usersById.get(id)!),
          places: [...pagePlaces].map((id) => placesById.get(id)!),
        },
        meta: { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id },
      },
    };
  };
  for (let i = 0; i < total; i++) {
    const user = users[Math.floor(random() * random() * users.length)]!;
    const place = random() < 0.1 ? places[Math.floor(random() * places.length)]! : undefined;
    const first = tags[Math.floor(random() * tags.length)]!;
    const second = random() < 0.15 ? tags[Math.floor(random() * tags.length)]! : first;
    const post: XPost = {
      id: String(1_860_000_000_000_000_000n + BigInt(i)),
      text: `Synthetic post ${i} about ${first}${second === first ? '' : ` ${second}`} 🚀`,
      author_id: user.id,
      created_at: new Date(endMs - spanMs + Math.floor((i / total) * spanMs)).toISOString(),
      lang: weighted(random, LANGUAGES),
      ...(place && { geo: { place_id: place.id } }),
    };
    for (const tag of new Set([first, second])) {
      const posts = byTag.get(tag) ?? [];
      posts.push(post);
      byTag.set(tag, posts);
      // Full pages of 100, as recent search returns them.
      if (posts.length === 100) {
        yield pageOf(tag, posts);
        byTag.set(tag, []);
      }
    }
  }
  for (const [tag, posts] of byTag) if (posts.length) yield pageOf(tag, posts);
}

function syntheticUsers(count: number, random: () => number): XUser[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(1_000_000 + i),
    name: `Synthetic author ${i} ✨`,
    username: `synthetic_${i}`,
    location: LOCATIONS[i % LOCATIONS.length] || undefined,
    public_metrics: { followers_count: Math.floor(Math.exp(3 + random() * random() * 12)) },
  }));
}

function syntheticPlaces(): XPlace[] {
  return COUNTRIES.map((code, i) => ({
    id: `place${i}`,
    full_name: `City ${code}`,
    country: code,
    country_code: code,
  }));
}
