import supertest from 'supertest';
import { PAGE_CSP } from '../../src/resources/page/routes';
import { buildTestApp, type TestApp } from '../helpers/app';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** What HTTP/1.1 itself adds to every answer: not chosen by the app. */
const FRAMING = ['date', 'connection', 'keep-alive', 'content-length'];
/** The documented API set (docs/security-headers.md). */
const API_SET = ['content-type', 'x-request-id', 'x-content-type-options', 'content-security-policy'];
/** helmet's defaults, which every page and the files it loads carry. */
const BROWSER_SET = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

const namesOf = (headers: Record<string, unknown>) => Object.keys(headers).sort();
const without = (names: string[], framing = FRAMING) => names.filter((name) => !framing.includes(name));

describe('security headers sized to what is answered', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  test('when /healthz answers, then it carries exactly the API set: nosniff and a policy that frames and loads nothing', async () => {
    const res = await app.api.get('/healthz').expect(200);

    expect(without(namesOf(res.headers))).toEqual([...API_SET].sort());
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(API_CSP);
  });

  test('when a cached aggregate answers, then the API set plus its ETag, and a revalidation 304 the same', async () => {
    const res = await app.api.get('/tweets_per_tag').expect(200);
    const revalidated = await app.api
      .get('/tweets_per_tag')
      .set('If-None-Match', String(res.headers.etag))
      .expect(304);

    expect(without(namesOf(res.headers))).toEqual([...API_SET, 'etag'].sort());
    expect(without(namesOf(revalidated.headers))).toEqual([...API_SET, 'etag'].sort());
    expect(revalidated.headers['content-security-policy']).toBe(API_CSP);
  });

  test.each([
    ['an unknown path', '/nope', 404, []],
    ['a bad query', '/tweets?limit=0', 400, []],
    ['a method not allowed', '/healthz', 405, ['allow']],
  ])('when %s is answered with problem+json, then the API set', async (_case, path, status, extra) => {
    const request = status === 405 ? app.api.post(path) : app.api.get(path);
    const res = await request.expect(status);

    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(without(namesOf(res.headers))).toEqual([...API_SET, ...extra].sort());
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe(API_CSP);
  });

  test('when the live page is served, then the full browser set with its own strict policy', async () => {
    const res = await app.api.get('/').expect(200);

    expect(without(namesOf(res.headers))).toEqual(
      [...BROWSER_SET, 'content-type', 'x-request-id', 'cache-control'].sort(),
    );
    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test('when the API docs page and a file of the live page are served, then both carry the browser set', async () => {
    const docs = await app.api.get('/docs/').expect(200);
    // The page's files are not API operations, so not in the OpenAPI description the agent checks.
    const script = await supertest(app.http).get('/assets/app.js').expect(200);

    for (const res of [docs, script]) {
      for (const name of BROWSER_SET) expect(res.headers).toHaveProperty(name);
    }
    expect(docs.headers['content-security-policy']).toMatch(/(^|;)script-src 'self'(;|$)/);
    expect(docs.headers['content-security-policy']).toMatch(/(^|;)frame-ancestors 'self'(;|$)/);
  });

  test('when anything is answered, then Express does not name itself', async () => {
    const answers = await Promise.all(['/healthz', '/', '/nope'].map((path) => app.api.get(path)));

    for (const res of answers) expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
