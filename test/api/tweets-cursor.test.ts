import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

const cursorOf = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
const BAD_CURSOR = 'cursor: must be a next_cursor value returned by this endpoint';

describe('GET /tweets with a cursor', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
    const user = buildUser();
    const posts = ['2026-11-20T09:00:00.000Z', '2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z'].map(
      (created_at) => buildPost({ author: user, created_at }),
    );
    await seed(app.store, '#devops', buildPage(posts, { users: [user] }));
  });
  afterAll(() => app.close());

  test.each([
    ['a tag holding a NUL', ['2026-11-20T10:00:00.000Z', '5', '#dev\u0000ops']],
    ['a tag that is no hashtag or tracked term', ['2026-11-20T10:00:00.000Z', '5', '#dev ops']],
    ['a date without its time', ['2026-11-20', '5', '#devops']],
    ['a number that Date.parse reads as a year', ['1', '5', '#devops']],
    ['a date that is not in the calendar', ['2026-02-30T10:00:00.000Z', '5', '#devops']],
    ['a date holding a NUL', ['2026-11-20T10:00:00.000Z\u0000', '5', '#devops']],
  ])('when the cursor has %s, then 400 problem+json names it', async (_case, parts) => {
    const res = await app.api
      .get('/tweets')
      .query({ cursor: cursorOf(parts) })
      .expect(400);

    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ status: 400, detail: BAD_CURSOR });
  });

  test('when the cursor names a post under a tracked phrase, then the page after it is served', async () => {
    const res = await app.api
      .get('/tweets')
      .query({ cursor: cursorOf(['2026-11-20T10:30:00.000Z', '5', '"on call"']) })
      .expect(200);

    expect(res.body.tweets.map((entry: { created: string }) => entry.created)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T09:00:00.000Z',
    ]);
  });
});
