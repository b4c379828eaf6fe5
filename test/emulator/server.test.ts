import type { Emulator } from '../../emulator/server';
import { sample, search, startOnSample, TOKEN } from './helpers';

describe('emulator endpoints', () => {
  let emulator: Emulator;
  afterEach(() => emulator?.close());

  test.each([
    ['a wrong bearer token', 'not-the-token'],
    ['no Authorization header', ''],
  ])('when a search has %s, then 401 in the X format', async (_name, token) => {
    emulator = await startOnSample();

    const answer = await search(emulator, {}, { token });

    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  test('when searches succeed or are refused, then each carries x-rate-limit headers counting down', async () => {
    emulator = await startOnSample();

    const first = await search(emulator);
    const refused = await search(emulator, { max_results: '5' });

    expect(first.headers.get('x-rate-limit-limit')).toBe('450');
    expect(first.headers.get('x-rate-limit-remaining')).toBe('449');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-rate-limit-remaining')).toBe('448');
    expect(Number(refused.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000 + 890);
  });

  test('when a parameter is invalid, then 400 with the X invalid-request body', async () => {
    emulator = await startOnSample();

    const answer = await search(emulator, { max_results: '101' });

    expect(answer.json()).toEqual({
      errors: [
        { parameters: { max_results: ['101'] }, message: expect.stringContaining('between 10 and 100') },
      ],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  });

  test('when no fields are requested, then posts hold X defaults only and nothing is expanded', async () => {
    emulator = await startOnSample();

    const body = (await search(emulator, { max_results: '10' })).json();

    expect(Object.keys(body.data[0]).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(body.includes).toBeUndefined();
    expect(body.meta).toEqual({
      newest_id: body.data[0].id,
      oldest_id: body.data[9].id,
      result_count: 10,
      next_token: expect.any(String),
    });
  });

  test('when expansions and fields are requested, then the page holds them and only the authors and places it references', async () => {
    emulator = await startOnSample();

    const body = (
      await search(emulator, {
        expansions: 'author_id,geo.place_id',
        'tweet.fields': 'created_at,geo',
        'user.fields': 'location',
        'place.fields': 'country_code',
      })
    ).json();

    const authors = new Set(body.data.map((post: { author_id: string }) => post.author_id));
    expect(new Set(body.includes.users.map((user: { id: string }) => user.id))).toEqual(authors);
    expect(body.data[0]).toHaveProperty('created_at');
    expect(body.data[0]).not.toHaveProperty('lang');
    expect(body.includes.users.every((user: object) => !('public_metrics' in user))).toBe(true);
    expect(Object.keys(body.includes.places[0]).sort()).toEqual(['country_code', 'full_name', 'id']);
  });

  test('when the consumer key and secret are exchanged, then the issued bearer token searches', async () => {
    emulator = await startOnSample({}, { consumerKey: 'key', consumerSecret: 'secret' });
    const exchange = (basic: string) =>
      fetch(`${emulator.url}/oauth2/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(basic).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });

    const granted = await exchange('key:secret');
    const refused = await exchange('key:wrong');

    const body = (await granted.json()) as { access_token: string };
    expect(body).toEqual({ token_type: 'bearer', access_token: expect.any(String) });
    expect((await search(emulator, {}, { token: body.access_token })).status).toBe(200);
    expect((await search(emulator, {}, { token: TOKEN })).status).toBe(401);
    expect(refused.status).toBe(403);
  });

  test('when another path is asked for, then 404 JSON', async () => {
    emulator = await startOnSample();

    const res = await fetch(`${emulator.url}/2/tweets/search/all`);

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ title: 'Not Found Error', status: 404 });
  });

  test('when requests arrive, then they are recorded with their query and whether they were authorised', async () => {
    emulator = await startOnSample();

    await search(emulator, { since_id: sample().posts[5]!.id });
    await search(emulator, {}, { token: '' });

    expect(emulator.requests).toEqual([
      {
        method: 'GET',
        path: '/2/tweets/search/recent',
        query: { query: '#devops -is:retweet', max_results: '100', since_id: sample().posts[5]!.id },
        authorized: true,
      },
      {
        method: 'GET',
        path: '/2/tweets/search/recent',
        query: { query: '#devops -is:retweet', max_results: '100' },
        authorized: false,
      },
    ]);
  });
});
