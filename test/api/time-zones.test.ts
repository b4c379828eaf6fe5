import { buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';

describe('time zones of GET /tweets_per_hour', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await buildTestApp({ env: { TAGS: '#devops' } });
    const user = buildUser();
    // 12:30 UTC is 09:30 in Sao Paulo (UTC-3, no DST since 2019) and 18:00 in India (UTC+5:30).
    await seed(
      app.store,
      '#devops',
      buildPage([buildPost({ author: user, created_at: '2026-11-20T12:30:00.000Z' })], { users: [user] }),
    );
  });
  afterEach(() => app.close());

  const hourWithPosts = async (tz: string) => {
    const res = await app.api.get(`/tweets_per_hour?tz=${encodeURIComponent(tz)}`).expect(200);
    const hours = (res.body as { tweets_per_hour: { at_hour: string; tweets: number }[] }).tweets_per_hour;
    return hours.filter((hour) => hour.tweets > 0).map((hour) => hour.at_hour);
  };

  test('when tz is spelled in any letter case, then it counts as the zone', async () => {
    expect(await hourWithPosts('America/Sao_Paulo')).toEqual(['09:00']);
    expect(await hourWithPosts('america/sao_PAULO')).toEqual(['09:00']);
    expect(await hourWithPosts('utc')).toEqual(['12:00']);
  });

  test('when tz is an alias of a listed zone, then it counts as that zone', async () => {
    expect(await hourWithPosts('Asia/Kolkata')).toEqual(['18:00']);
    expect(await hourWithPosts('asia/calcutta')).toEqual(['18:00']);
    expect(await hourWithPosts('Etc/UTC')).toEqual(['12:00']);
    expect(await hourWithPosts('etc/gmt+3')).toEqual(['09:00']);
  });

  test.each(['Mars/Olympus', 'America/' + 'x'.repeat(80), '', '+05:30', 'America/Sao_Paulo/'])(
    'when tz=%j, then 400 problem+json says what a zone is',
    async (tz) => {
      const res = await app.api.get(`/tweets_per_hour?tz=${encodeURIComponent(tz)}`).expect(400);

      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe('tz: must be an IANA time zone such as UTC or America/Sao_Paulo');
    },
  );
});
