import { syntheticPages, type SyntheticPage } from '../../bench/synthetic';
import { normalisePage } from '../../src/x/normalise';
import { storeBatchIn } from '../../src/repositories/post-writer';
import { writeTransaction } from '../../src/repositories/write-lock';
import { buildTestApp, type TestApp } from '../helpers/app';

/** What has been committed so far: distinct posts, and distinct post-tag links. */
class Committed {
  readonly posts = new Set<string>();
  readonly links = new Set<string>();
  add({ tag, page }: SyntheticPage): void {
    for (const post of page.data ?? []) {
      this.posts.add(post.id);
      this.links.add(`${post.id} ${tag}`);
    }
  }
}

const metricValue = (text: string, name: string) =>
  Number(
    text
      .split('\n')
      .find((row) => row.startsWith(`${name} `))
      ?.slice(name.length + 1),
  );

/** Every read endpoint's view of the stored posts, reduced to what must equal the committed state. */
async function readViews(app: TestApp) {
  const [page, perTag, perCountry, perHour, authors, metrics] = await Promise.all([
    app.api.get('/tweets?limit=1000').expect(200),
    app.api.get('/tweets_per_tag').expect(200),
    app.api.get('/tweets_per_country').expect(200),
    app.api.get('/tweets_per_hour').expect(200),
    app.api.get('/tweets?order_by_followers_desc=1000').expect(200),
    app.api.get('/metrics').expect(200),
  ]);
  const sum = (rows: { tweets: number }[]) => rows.reduce((total, row) => total + row.tweets, 0);
  return {
    pageIds: (page.body.tweets as { id: string }[]).map((entry) => entry.id),
    links: sum((perTag.body.tweets_per_tags as { tweets: number }[][]).flat()),
    postsByCountry: sum(perCountry.body.tweets_per_country),
    postsByHour: sum(perHour.body.tweets_per_hour),
    postsByAuthor: sum(authors.body.authors),
    postsStored: metricValue(metrics.text, 'twitterapi_posts_stored'),
  };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('reads while another request holds a write transaction open', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  test('when reads run in the middle of a write transaction, 12 times, then each answers at once with exactly the committed posts', async () => {
    const pages = [...syntheticPages(2_400, { seed: 11 })];
    const committed = new Committed();

    for (let round = 0; round < 12; round++) {
      const [first, second] = [pages[2 * round]!, pages[2 * round + 1]!];
      let halfway!: () => void;
      let release!: () => void;
      const firstHalfWritten = new Promise<void>((resolve) => (halfway = resolve));
      const gate = new Promise<void>((resolve) => (release = resolve));
      // One transaction that awaits between its two halves, as a page with other work would.
      const writing = writeTransaction(app.store, async (manager, tx) => {
        await storeBatchIn(app.store, manager, tx, first.tag, normalisePage(first.page));
        halfway();
        await gate;
        await storeBatchIn(app.store, manager, tx, second.tag, normalisePage(second.page));
      });
      await firstHalfWritten;

      const seen = await within(readViews(app), 5_000, `round ${round}: the reads`);
      release();
      await writing;

      expect(seen.pageIds.filter((id) => !committed.posts.has(id))).toEqual([]);
      expect(seen).toMatchObject({
        links: committed.links.size,
        postsByCountry: committed.posts.size,
        postsByHour: committed.posts.size,
        postsByAuthor: committed.posts.size,
        postsStored: committed.posts.size,
      });
      expect(seen.pageIds).toHaveLength(Math.min(1000, committed.links.size));
      committed.add(first);
      committed.add(second);
    }

    const metrics = await app.api.get('/metrics').expect(200);
    expect(metricValue(metrics.text, 'twitterapi_posts_stored')).toBe(committed.posts.size);
  });
});
