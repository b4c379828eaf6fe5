import { readFileSync } from 'node:fs';
import { DEFAULT_TAGS } from '../../src/config';
import { CorpusQueryError, loadCorpus, searchCorpus } from '../../src/collector/sources/corpus';
import { generateCorpus, SAMPLE_FILE, serialise } from '../../data/sample/generate';

const corpus = loadCorpus(SAMPLE_FILE);
const now = corpus.referenceDate;
const search = (query: string, extra: Partial<{ since_id: string; next_token: string; max_results: number }> = {}) =>
  searchCorpus(corpus, { query, max_results: 100, ...extra }, { now });

describe('the bundled sample corpus', () => {
  test('when generated again, then it is byte-identical to the committed file', () => {
    expect(serialise(generateCorpus())).toBe(readFileSync(SAMPLE_FILE, 'utf8'));
  });

  test('when inspected, then it has the shape and spread the product promises', () => {
    const posts = corpus.posts;
    const byTag = DEFAULT_TAGS.map((tag) => posts.filter((post) => post.entities!.hashtags!.some((h) => `#${h.tag.toLowerCase()}` === tag)).length);
    const langs = new Set(posts.map((post) => post.lang));
    const withPlace = posts.filter((post) => post.geo?.place_id).length / posts.length;
    const followers = [...corpus.users.values()].map((user) => user.public_metrics!.followers_count!).sort((a, b) => a - b);
    const oldest = Math.min(...posts.map((post) => Date.parse(post.created_at)));

    expect(Math.min(...byTag)).toBeGreaterThanOrEqual(150);
    expect(corpus.users.size).toBe(1000);
    expect(new Set(posts.map((post) => post.author_id)).size).toBe(1000);
    expect(langs.size).toBeGreaterThanOrEqual(8);
    expect(withPlace).toBeGreaterThan(0.07);
    expect(withPlace).toBeLessThan(0.13);
    expect(followers.at(-1)! / followers[500]!).toBeGreaterThan(1000);
    expect(now.getTime() - oldest).toBeLessThan(7 * 24 * 3600 * 1000);
    expect(posts.filter((post) => post.entities!.hashtags!.length > 1).length).toBeGreaterThan(100);
    expect(posts.some((post) => /\p{Extended_Pictographic}/u.test(post.text))).toBe(true);
    for (const post of posts) {
      for (const hashtag of post.entities!.hashtags!) {
        expect(Array.from(post.text).slice(hashtag.start, hashtag.end).join('')).toBe(`#${hashtag.tag}`);
      }
    }
  });
});

describe('recent search over the corpus', () => {
  test('when paginated, then every match comes once, newest first, with meta on every page', () => {
    const expected = corpus.posts.filter((post) => post.entities!.hashtags!.some((h) => h.tag.toLowerCase() === 'devops')).map((post) => post.id);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = search('#DevOps -is:retweet', { max_results: 40, ...(token && { next_token: token }) });
      expect(page.meta.result_count).toBe(page.data?.length ?? 0);
      seen.push(...page.data!.map((post) => post.id));
      expect(new Set(page.includes!.users!.map((user) => user.id))).toEqual(new Set(page.data!.map((post) => post.author_id)));
      token = page.meta.next_token;
    } while (token);

    expect(seen).toEqual(expected);
  });

  test('when since_id is given, then only newer posts come back', () => {
    const all = search('#sre').data!;
    const page = search('#sre', { since_id: all[10]!.id });

    expect(page.data!.map((post) => post.id)).toEqual(all.slice(0, 10).map((post) => post.id));
    expect(search('#sre', { since_id: all[0]!.id })).toEqual({ meta: { result_count: 0 } });
  });

  test('when two tags are ANDed or ORed, then posts match both or either', () => {
    const both = search('#sre #devops').data ?? [];
    const either = search('#sre OR #devops').data ?? [];

    expect(both.length).toBeGreaterThan(0);
    expect(either.length).toBeGreaterThan(both.length);
  });

  test.each([
    ['max_results 5', { max_results: 5 }, 'max_results'],
    ['max_results 101', { max_results: 101 }, 'max_results'],
    ['a since_id older than 7 days', { since_id: '1000000000000000000' }, 'since_id'],
    ['a bad next_token', { next_token: 'garbage' }, 'next_token'],
  ])('when %s, then 400 in the X error format naming the parameter', (_name, extra, parameter) => {
    const error = (() => {
      try {
        search('#sre', extra);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })() as CorpusQueryError;

    expect(error).toBeInstanceOf(CorpusQueryError);
    expect(error.body).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
    expect(Object.keys((error.body.errors as { parameters: object }[])[0]!.parameters)).toEqual([parameter]);
  });
});
