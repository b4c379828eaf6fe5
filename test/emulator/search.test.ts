import { loadCorpus } from '../../src/x/corpus';
import { CorpusQueryError, searchCorpus } from '../../emulator/corpus-search';
import { SAMPLE_FILE } from '../../data/sample/generate';

const corpus = loadCorpus(SAMPLE_FILE);
const now = corpus.referenceDate;
const search = (
  query: string,
  extra: Partial<{ since_id: string; until_id: string; next_token: string; max_results: number }> = {},
) => searchCorpus(corpus, { query, max_results: 100, ...extra }, { now });

describe('recent search over the corpus', () => {
  test('when paginated, then every match comes once, newest first, with meta on every page', () => {
    const expected = corpus.posts
      .filter((post) => post.entities!.hashtags!.some((h) => h.tag.toLowerCase() === 'devops'))
      .map((post) => post.id);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = search('#DevOps -is:retweet', { max_results: 40, ...(token && { next_token: token }) });
      expect(page.meta.result_count).toBe(page.data?.length ?? 0);
      seen.push(...page.data!.map((post) => post.id));
      expect(new Set(page.includes!.users!.map((user) => user.id))).toEqual(
        new Set(page.data!.map((post) => post.author_id)),
      );
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

  test('when until_id is given, with or without since_id, then only posts between them come back', () => {
    const all = corpus.posts.filter((post) =>
      post.entities!.hashtags!.some((h) => h.tag.toLowerCase() === 'sre'),
    );

    expect(search('#sre', { until_id: all[90]!.id }).data!.map((post) => post.id)).toEqual(
      all.slice(91, 191).map((post) => post.id),
    );
    const between = search('#sre', { since_id: all[20]!.id, until_id: all[10]!.id }).data!;
    expect(between.map((post) => post.id)).toEqual(all.slice(11, 20).map((post) => post.id));
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
    ['an until_id older than 7 days', { until_id: '1000000000000000000' }, 'until_id'],
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
    expect(error.body).toMatchObject({
      title: 'Invalid Request',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
    expect(Object.keys((error.body.errors as { parameters: object }[])[0]!.parameters)).toEqual([parameter]);
  });
});
