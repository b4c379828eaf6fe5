import { buildTestApp, type TestApp } from '../helpers/app';

const TIME_HELP =
  'must be a date (2026-11-01, midnight in tz) or a date-time with Z or an offset, from 1970 to 2999';

describe('summary filters: bad values', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test.each([
    ['/tweets_per_hour?lang=english!', 'lang: must be a language code such as en, pt or und'],
    ['/tweets_per_hour?from=2026-11-21&to=2026-11-20', 'from: must be before to'],
    ['/tweets_per_tag?from=2026-02-30', `from: ${TIME_HELP}`],
    ['/tweets_per_tag?tag=%20', 'tag: must be a hashtag such as #devops or devops'],
    ['/tweets_per_country?to=yesterday', `to: ${TIME_HELP}`],
    ['/tweets_per_country?lang=en&lang=pt', 'lang: must be given once, as a single value'],
    [
      '/tweets_per_country?from=2026-11-20&tz=Mars/Olympus',
      'tz: must be an IANA time zone such as UTC or America/Sao_Paulo',
    ],
    [
      '/tweets_per_language?from=2026-11-20T10:00:00Z&to=2026-11-20T12:00:00%2B02:00',
      'from: must be before to',
    ],
    ['/tweets_over_time?lang=EN!', 'lang: must be a language code such as en, pt or und'],
    ['/tweets?order_by_followers_desc=5&to=2026-13-01', `to: ${TIME_HELP}`],
    [
      '/tweets?order_by_followers_desc=5&q=devops',
      'order_by_followers_desc: cannot be combined with limit, cursor or q',
    ],
    ['/tweets?from=2026-11-20&to=2026-11-20', 'from: must be before to'],
  ])('when %s is asked, then 400 problem+json names the parameter', async (path, detail) => {
    const res = await app.api.get(path).set('X-Request-Id', 'req-7').expect(400);

    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail,
      instance: 'req-7',
    });
  });
});
