import type { Emulator } from '../../emulator/server';
import { until } from '../helpers/until';
import { search, startOnSample } from './helpers';

const problemJson = 'application/problem+json; charset=utf-8';

describe('emulator faults', () => {
  let emulator: Emulator;
  afterEach(() => emulator?.close());

  test('when rateLimitAfter is reached, then 429 with the real body, remaining 0 and the promised reset', async () => {
    emulator = await startOnSample({ rateLimitAfter: 2, rateLimitResetSeconds: 60 });
    const ok = [await search(emulator), await search(emulator)];
    const before = Math.floor(Date.now() / 1000);

    const limited = await search(emulator);

    expect(ok.map((answer) => answer.status)).toEqual([200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.type).toBe(problemJson);
    expect(limited.json()).toEqual({
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    });
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 60);
    expect(reset).toBeLessThanOrEqual(before + 62);
  });

  test('when the usage cap is exceeded, then 429 UsageCapExceeded', async () => {
    emulator = await startOnSample({ usageCapExceeded: true });

    const answer = await search(emulator);

    expect(answer.status).toBe(429);
    expect(answer.json()).toEqual({
      title: 'UsageCapExceeded',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: 'https://api.twitter.com/2/problems/usage-capped',
      period: 'Monthly',
      scope: 'Product',
    });
  });

  test('when unavailableNext is 2, then two 503s and then a page', async () => {
    emulator = await startOnSample({ unavailableNext: 2 });

    const answers = [await search(emulator), await search(emulator), await search(emulator)];

    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 200]);
    expect(answers[0]!.json()).toEqual({
      title: 'Service Unavailable',
      detail: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
    });
    expect(answers[0]!.headers.get('x-rate-limit-limit')).toBe('450');
  });

  test('when unavailableRate is 1, then every search is a 503', async () => {
    emulator = await startOnSample({ unavailableRate: 1 });

    const answers = await Promise.all([search(emulator), search(emulator), search(emulator)]);

    expect(answers.map((answer) => answer.status)).toEqual([503, 503, 503]);
  });

  test('when latencyMs is set, then answers come no sooner', async () => {
    emulator = await startOnSample({ latencyMs: 250 });
    const started = Date.now();

    const answer = await search(emulator);

    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  test('when hangNext is 1, then that request never answers, the next does, and close releases it', async () => {
    emulator = await startOnSample({ hangNext: 1 });

    const hung = search(emulator).then(
      () => 'answered',
      () => 'released',
    );
    await until(() => emulator.requests.length === 1, 'the emulator to receive the request it holds', 5000);
    const next = await search(emulator);
    await emulator.close();

    expect(next.status).toBe(200);
    expect(await hung).toBe('released');
  });

  test('when truncateNext is 1, then a 200 JSON answer stops halfway, once', async () => {
    emulator = await startOnSample({ truncateNext: 1 });

    const truncated = await search(emulator);
    const whole = await search(emulator);

    expect(truncated.status).toBe(200);
    expect(truncated.type).toMatch(/^application\/json/);
    expect(() => truncated.json()).toThrow(SyntaxError);
    expect(whole.text.startsWith(truncated.text)).toBe(true);
    expect(truncated.text.length).toBe(Math.floor(whole.text.length / 2));
  });

  test('when nonJsonNext is 1, then a 200 HTML page, once', async () => {
    emulator = await startOnSample({ nonJsonNext: 1 });

    const html = await search(emulator);

    expect(html.status).toBe(200);
    expect(html.type).toBe('text/html');
    expect(html.text).toMatch(/^<html>.*upstream error.*<\/html>$/);
    expect((await search(emulator)).json().meta.result_count).toBe(100);
  });

  test('when unauthorized is set, then 401 even with the right token', async () => {
    emulator = await startOnSample({ unauthorized: true });

    const answer = await search(emulator);

    expect(answer.status).toBe(401);
    expect(answer.json()).toEqual({
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
  });

  test('when forbidden is client-not-enrolled, then 403 with the real enrolment body', async () => {
    emulator = await startOnSample({ forbidden: 'client-not-enrolled' });

    const answer = await search(emulator);

    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      client_id: expect.stringMatching(/^\d+$/),
      detail:
        'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.',
      registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: 'https://api.twitter.com/2/problems/client-forbidden',
    });
  });

  test('when forbidden is true, then a plain 403', async () => {
    emulator = await startOnSample({ forbidden: true });

    const answer = await search(emulator);

    expect(answer.status).toBe(403);
    expect(answer.json()).toEqual({
      title: 'Forbidden',
      type: 'about:blank',
      status: 403,
      detail: 'Forbidden',
    });
  });

  test('when partialErrorsOnPage is true, then a 200 page carries data and a resource-not-found error', async () => {
    emulator = await startOnSample({ partialErrorsOnPage: true });

    const body = (await search(emulator)).json();

    expect(body.data).toHaveLength(100);
    expect(body.errors).toEqual([
      expect.objectContaining({
        title: 'Not Found Error',
        resource_type: 'user',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      }),
    ]);
  });

  test('when partialErrorsOnPage is 2, then only the second page of a query carries errors', async () => {
    emulator = await startOnSample({ partialErrorsOnPage: 2 });

    const first = (await search(emulator)).json();
    const second = (await search(emulator, { next_token: first.meta.next_token })).json();

    expect(first.errors).toBeUndefined();
    expect(second.errors).toHaveLength(1);
    expect(second.data.length).toBeGreaterThan(0);
  });

  test('when failAfterPages is 1 page with 500, then the second page of every query fails', async () => {
    emulator = await startOnSample({ failAfterPages: { pages: 1, status: 500 } });

    const first = await search(emulator);
    const second = await search(emulator, { next_token: first.json().meta.next_token });
    const otherTag = await search(emulator, { query: '#sre' });

    expect(first.status).toBe(200);
    expect(second.status).toBe(500);
    expect(second.json()).toMatchObject({ status: 500, type: 'about:blank' });
    expect(otherTag.status).toBe(200);
  });

  test('when faults are switched with setFaults, then they apply from the next request and replace the old ones', async () => {
    emulator = await startOnSample({ unauthorized: true });

    emulator.setFaults({ unavailableNext: 1 });

    expect((await search(emulator)).status).toBe(503);
    expect((await search(emulator)).status).toBe(200);
  });

  test('when faults are posted to /_emulator/faults, then they merge into the current ones', async () => {
    emulator = await startOnSample({ latencyMs: 1 });

    const posted = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ nonJsonNext: 1 }),
    });

    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ latencyMs: 1, nonJsonNext: 1 });
    expect((await search(emulator)).type).toBe('text/html');
    const bad = await fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });
});
