import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TAGS } from '../../src/config';
import { loadCorpus } from '../../src/x/corpus';
import { SAMPLE_FILE, writeCorpus } from '../../data/sample/generate';

const corpus = loadCorpus(SAMPLE_FILE);
const now = corpus.referenceDate;

describe('the bundled sample corpus', () => {
  test('when generated twice, then both files are byte-identical to the committed one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sample-'));
    try {
      const first = join(folder, 'first.json');
      const second = join(folder, 'second.json');
      writeCorpus(first);
      writeCorpus(second);

      expect(readFileSync(first)).toEqual(readFileSync(second));
      expect(readFileSync(first, 'utf8')).toBe(readFileSync(SAMPLE_FILE, 'utf8'));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('when inspected, then it has the shape and spread the product promises', () => {
    const posts = corpus.posts;
    const byTag = DEFAULT_TAGS.map(
      (tag) =>
        posts.filter((post) => post.entities!.hashtags!.some((h) => `#${h.tag.toLowerCase()}` === tag))
          .length,
    );
    const langs = new Set(posts.map((post) => post.lang));
    const withPlace = posts.filter((post) => post.geo?.place_id).length / posts.length;
    const followers = [...corpus.users.values()]
      .map((user) => user.public_metrics!.followers_count!)
      .sort((a, b) => a - b);
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

describe('loading a corpus file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'corpus-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const fileWith = (name: string, content: string) => {
    const path = join(folder, name);
    writeFileSync(path, content);
    return path;
  };

  test.each([
    ['missing', join(folder, 'absent.json'), /cannot read the corpus .*absent\.json: ENOENT/],
    ['not JSON', fileWith('html.json', '<html>'), /cannot read the corpus .*html\.json: Unexpected token/],
    [
      'without includes.users',
      fileWith('bare.json', '{"data":[]}'),
      /bare\.json is not a recent-search response: it needs "data" and "includes.users"/,
    ],
    [
      'with a post without an id',
      fileWith('noid.json', '{"data":[{"text":"x"}],"includes":{"users":[]}}'),
      /noid\.json: data\[0\] needs a numeric string "id"/,
    ],
  ])('when the file is %s, then the error names the file and the problem', (_name, path, message) => {
    expect(() => loadCorpus(path)).toThrow(message);
  });
});
