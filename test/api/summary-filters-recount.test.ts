import { buildTestApp, type TestApp } from '../helpers/app';
import { seed } from '../helpers/seed';
import { syntheticPages } from '../../bench/synthetic';
import { query } from '../../src/repositories/sql';

interface Link {
  id: string;
  created_at: string;
  lang: string;
  country: string | null;
  author_id: string;
  name: string;
  followers_count: number;
  tag: string;
}

/** Counts of keys, most first, then by key, as the API orders them. */
function ranked(keys: string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
}

describe('summary filters on a synthetic collection', () => {
  let app: TestApp;
  let links: Link[];
  beforeAll(async () => {
    app = await buildTestApp({ env: { TAGS: '#devops,#sre' } });
    for (const { tag, page } of syntheticPages(2_000, { seed: 11, authors: 60 }))
      await seed(app.store, tag, page);
    links = await query<Link>(
      app.dataSource.manager,
      `SELECT p.id, p.created_at, p.lang, p.country, p.author_id, a.name, a.followers_count, pt.tag
         FROM posts p JOIN post_tags pt ON pt.post_id = p.id JOIN authors a ON a.id = p.author_id`,
    );
  });
  afterAll(() => app.close());

  const FILTERS: Record<string, { tag?: string; lang?: string; from?: string; to?: string }> = {
    'lang=pt': { lang: 'pt' },
    'tag=devops&from=2026-11-15&to=2026-11-18': { tag: '#devops', from: '2026-11-15', to: '2026-11-18' },
    'from=2026-11-17T06:00:00Z': { from: '2026-11-17T06:00:00Z' },
    'tag=sre&lang=en&to=2026-11-19T12:30:00Z': { tag: '#sre', lang: 'en', to: '2026-11-19T12:30:00Z' },
  };
  /** The matching links, and the matching posts each once, recounted from the rows. */
  const matching = (params: string) => {
    const filter = FILTERS[params]!;
    const instant = (value: string) => Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
    const kept = links.filter(
      (link) =>
        (filter.tag === undefined || link.tag === filter.tag) &&
        (filter.lang === undefined || link.lang === filter.lang) &&
        (filter.from === undefined || Date.parse(link.created_at) >= instant(filter.from)) &&
        (filter.to === undefined || Date.parse(link.created_at) < instant(filter.to)),
    );
    return { kept, posts: [...new Map(kept.map((link) => [link.id, link])).values()] };
  };
  const get = async (path: string) => (await app.api.get(path).expect(200)).body as Record<string, unknown>;

  test.each(Object.keys(FILTERS))(
    'when filtered by %s, then every summary equals a recount',
    async (params) => {
      const { kept, posts } = matching(params);
      expect(posts.length).toBeGreaterThan(20);

      expect((await get(`/tweets_per_country?${params}`)).tweets_per_country).toEqual(
        ranked(posts.map((post) => post.country ?? '')).map(([country, tweets]) =>
          expect.objectContaining({ country: country || null, tweets }),
        ),
      );
      expect((await get(`/tweets_per_language?${params}`)).tweets_per_language).toEqual(
        ranked(posts.map((post) => post.lang)).map(([lang, tweets]) => ({ lang, tweets })),
      );
      const hours = new Array<number>(24).fill(0);
      for (const post of posts) hours[new Date(post.created_at).getUTCHours()]! += 1;
      expect(
        ((await get(`/tweets_per_hour?${params}`)).tweets_per_hour as { tweets: number }[]).map(
          (hour) => hour.tweets,
        ),
      ).toEqual(hours);
      const perTag = (await get(`/tweets_per_tag?${params}`)).tweets_per_tags as { rash: string }[][];
      for (const entries of perTag) {
        const tag = entries[0]?.rash;
        const tagged = kept.filter((link) => link.tag === tag);
        expect(entries).toEqual(
          ranked(tagged.map((link) => link.lang)).map(([lang, tweets]) => ({ rash: tag, lang, tweets })),
        );
      }
      expect(perTag.flat().length).toBe(new Set(kept.map((link) => `${link.tag} ${link.lang}`)).size);
    },
  );

  test.each(Object.keys(FILTERS))(
    'when the top authors are filtered by %s, then they equal a recount',
    async (params) => {
      const { posts } = matching(params);
      const byAuthor = new Map<string, { author: Link; tweets: number }>();
      for (const post of posts) {
        const entry = byAuthor.get(post.author_id) ?? { author: post, tweets: 0 };
        byAuthor.set(post.author_id, { ...entry, tweets: entry.tweets + 1 });
      }
      const expected = [...byAuthor.values()]
        .sort(
          (a, b) =>
            Number(b.author.followers_count) - Number(a.author.followers_count) ||
            (a.author.author_id < b.author.author_id ? 1 : -1),
        )
        .slice(0, 10)
        .map(({ author, tweets }) => ({
          name: author.name,
          followers: Number(author.followers_count),
          tweets,
        }));

      const answer = (await get(`/tweets?order_by_followers_desc=10&${params}`)).authors as {
        author: string;
        followers: number;
        tweets: number;
      }[];

      expect(answer.map(({ author, followers, tweets }) => ({ name: author, followers, tweets }))).toEqual(
        expected,
      );
    },
  );
});
