import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import newman from 'newman';
import { postmanItem } from '../../scripts/postman-collection';
import { SAMPLE_ANSWERS } from '../../src/resources';
import { derivedRequests, REQUESTS, WRITTEN } from '../../scripts/postman-requests';
import { problem } from '../../scripts/postman/request';
import { startMain, type MainProcess } from '../helpers/main-process';
import { spec } from '../helpers/spec';

const COLLECTION = join(__dirname, '..', '..', 'postman-twitter-api.json');
const ADMIN_TOKEN = 'postman-admin-token-0123456789abcdef';

interface Collection {
  info: { schema: string };
  variable: { key: string }[];
  item: { name: string; request: unknown; event: unknown; response: { code: number; body: string }[] }[];
}
const collection = JSON.parse(readFileSync(COLLECTION, 'utf8')) as Collection;

function runNewman(baseUrl: string): Promise<newman.NewmanRunSummary> {
  return new Promise((resolve, reject) =>
    newman.run(
      {
        collection: COLLECTION,
        envVar: [
          { key: 'baseUrl', value: baseUrl },
          { key: 'adminToken', value: ADMIN_TOKEN },
        ],
        reporters: [],
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    ),
  );
}

describe('the Postman collection', () => {
  test('when read, then it is a v2.1 collection with baseUrl and adminToken, and each request a saved example', () => {
    expect(collection.info.schema).toBe(
      'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    );
    expect(collection.variable.map((variable) => variable.key)).toEqual(
      expect.arrayContaining(['baseUrl', 'adminToken']),
    );
    for (const item of collection.item) expect(item.response).toHaveLength(1);
  });

  test('when compared with the requests built from the contracts and scripts/postman/, then its requests and tests are the generated ones (npm run postman:generate)', () => {
    const generated = REQUESTS.map((request) => postmanItem(request));

    expect(collection.item.map(({ name, request, event }) => ({ name, request, event }))).toEqual(
      generated.map(({ name, request, event }) => ({ name, request, event })),
    );
  });

  test('when a real answer of a contract has an operation no written request makes, then a request is derived from it', () => {
    const overTime = (path: string) => path.startsWith('/tweets_over_time');
    const written = WRITTEN.filter((request) => !overTime(request.path));
    const answers = SAMPLE_ANSWERS.filter((answer) => overTime(answer.request));

    expect(derivedRequests(WRITTEN, answers)).toEqual([]);
    expect(derivedRequests(written, answers)).toEqual([
      {
        name: 'Distinct posts per local hour or day, zero-filled',
        method: 'GET',
        path: '/tweets_over_time?interval=day&from=2026-11-14&to=2026-11-21&tz=Asia/Kathmandu',
        status: 200,
        checks: [],
      },
      {
        name: 'Error: from: the range holds more than 1000 hours; narrow it or use a longer interval',
        method: 'GET',
        path: '/tweets_over_time?from=2020-01-01',
        status: 400,
        checks: [...problem],
      },
    ]);
  });

  test('when the OpenAPI description is requested, then the collection expects every path of the contracts', () => {
    const check = collection.item.find((item) => item.name === 'OpenAPI description')!.event;

    expect(JSON.stringify(check)).toContain(
      Object.keys(spec.paths)
        .map((path) => `'${path}'`)
        .join(', '),
    );
  });

  describe('when newman runs it against the app started on the sample', () => {
    let app: MainProcess;
    beforeAll(async () => {
      app = await startMain({ TWEET_SOURCE: 'sample', ADMIN_TOKEN, LOG_LEVEL: 'warn' });
      await app.ready();
      // Joins the first-start collection and answers when it has ended.
      const joined = await fetch(`${app.url}/database`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      if (!joined.ok) throw new Error(`the first collection failed: ${await joined.text()}`);
    }, 60_000);
    afterAll(async () => {
      await app?.signal('SIGTERM');
      app?.cleanup();
    });

    test('then every request is made and every test passes', async () => {
      const summary = await runNewman(app.url);

      const failures = summary.run.failures.map(
        (failure) => `${failure.source?.name ?? '?'}: ${failure.error.message}`,
      );
      expect(failures).toEqual([]);
      expect(summary.run.stats.requests).toEqual({ total: REQUESTS.length, pending: 0, failed: 0 });
      expect(summary.run.stats.assertions.failed).toBe(0);
      // status, content type, request id and, for JSON, the schema: at least three per request, plus their own.
      expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(REQUESTS.length * 4);
      process.stdout.write(
        `newman: ${summary.run.stats.requests.total} requests, ${summary.run.stats.assertions.total} assertions, all passed\n`,
      );
    }, 60_000);
  });
});
