import { query } from '../../src/repositories/sql';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { expectCountersEqualRecounts } from '../helpers/recount';
import { seed } from '../helpers/seed';

const metricValue = (text: string, name: string) => {
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe('the stored authors in /metrics', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp();
  });
  afterEach(() => app.close());

  const authorsStored = async () =>
    metricValue((await app.api.get('/metrics').expect(200)).text, 'twitterapi_authors_stored');

  /** Four authors: two described twice, one described after it was a placeholder, one placeholder only. */
  const seedAuthors = async () => {
    const [ana, bia, caio, dora] = ['ana', 'bia', 'caio', 'dora'].map((username) => buildUser({ username }));
    const posts = (...authors: ReturnType<typeof buildUser>[]) =>
      authors.flatMap((author) => [buildPost({ author }), buildPost({ author })]);
    await seed(app.store, '#devops', buildPage(posts(ana!, bia!), { users: [ana!, bia!] }));
    // A partial page: its posts name authors it does not describe.
    await seed(app.store, '#sre', buildPage(posts(caio!, dora!, ana!), {}));
    await seed(app.store, '#sre', buildPage(posts(caio!, bia!), { users: [caio!, bia!] }));
  };

  test('when authors come back in later pages and as placeholders, then each is counted once, like a recount', async () => {
    await seedAuthors();

    expect(await authorsStored()).toBe(4);
    await expectCountersEqualRecounts(app.dataSource);

    await app.api.delete('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);
    expect(await authorsStored()).toBe(0);
    await expectCountersEqualRecounts(app.dataSource);
  });

  test('when /metrics is scraped, then the authors come from their maintained total, not from reading the authors table', async () => {
    await seedAuthors();
    // Renamed away for the scrape: a count of the table could not answer.
    await query(app.dataSource.manager, 'ALTER TABLE authors RENAME TO authors_away');
    try {
      expect(await authorsStored()).toBe(4);
    } finally {
      await query(app.dataSource.manager, 'ALTER TABLE authors_away RENAME TO authors');
    }
  });
});
