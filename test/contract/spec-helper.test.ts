import type { Response } from 'supertest';
import { expectMatchesSpec } from '../helpers/spec';

/** A response as supertest gives it, reduced to what the helper reads. */
function answer(
  method: string,
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return {
    status,
    body,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'r-1', ...headers },
    req: { method, path },
  } as unknown as Response;
}

const problem = (status: number) => ({
  type: 'about:blank',
  title: 'T',
  status,
  detail: 'd',
  instance: 'r-1',
});
const asProblem = { 'content-type': 'application/problem+json; charset=utf-8' };
const tagged = { etag: '"abc"' };

describe('expectMatchesSpec, which every component test applies to every response', () => {
  test('when a response is what the description says, then it passes', () => {
    expect(() =>
      expectMatchesSpec(answer('GET', '/tweets?limit=1', 200, { tweets: [], next_cursor: null }, tagged)),
    ).not.toThrow();
    expect(() => expectMatchesSpec(answer('GET', '/tweets', 200, { authors: [] }, tagged))).not.toThrow();
    expect(() =>
      expectMatchesSpec(answer('PUT', '/tweets', 405, problem(405), { ...asProblem, allow: 'GET, HEAD' })),
    ).not.toThrow();
    expect(() => expectMatchesSpec(answer('GET', '/nowhere', 404, problem(404), asProblem))).not.toThrow();
  });

  test.each([
    [
      'a body with an undocumented field',
      answer('GET', '/healthz', 200, { status: 'ok', extra: 1 }),
      /does not match the spec/,
    ],
    [
      'a body of both /tweets shapes at once',
      answer('GET', '/tweets', 200, { tweets: [], next_cursor: null, authors: [] }, tagged),
      /does not match/,
    ],
    ['an undocumented status', answer('GET', '/healthz', 418, {}), /does not list this status/],
    [
      'a cached read without its ETag',
      answer('GET', '/tweets_per_country', 200, { tweets_per_country: [] }),
      /no ETag header/,
    ],
    ['a JSON error instead of problem+json', answer('GET', '/tweets', 400, problem(400)), /not documented/],
    [
      'no request id',
      answer('GET', '/healthz', 200, { status: 'ok' }, { 'x-request-id': undefined as unknown as string }),
      /no X-Request-Id/,
    ],
    [
      'a 401 without its challenge',
      answer('GET', '/database', 401, problem(401), asProblem),
      /no WWW-Authenticate/,
    ],
    ['a 405 without Allow', answer('PUT', '/tweets', 405, problem(405), asProblem), /no Allow/],
    ['a 200 for an unknown path', answer('GET', '/nowhere', 200, {}), /expected 404/],
  ])('when a response has %s, then it fails', (_case, res, message) => {
    expect(() => expectMatchesSpec(res)).toThrow(message);
  });

  test('when method and path are given, then they are used instead of those of the request', () => {
    const res = answer('GET', '/elsewhere', 200, { status: 'ok' });

    expect(() => expectMatchesSpec(res, 'GET', '/healthz')).not.toThrow();
  });
});
