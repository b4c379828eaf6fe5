import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { join } from 'node:path';
import newman from 'newman';
import { createSampleSource } from '../../src/collector/sources/sample-source';
import { loadCorpus } from '../../src/collector/sources/corpus';
import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { REQUESTS } from '../../scripts/postman-requests';

const root = join(__dirname, '..', '..');

describe('the Postman collection', () => {
  let app: TestApp;
  let server: Server;
  beforeAll(async () => {
    app = await buildTestApp({ source: createSampleSource(loadCorpus(join(root, 'data/sample/synthetic-recent-search.json'))) });
    await app.collector.run('cli');
    server = app.http.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  test('when newman runs it against the app on the sample data, then every request and test passes', async () => {
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const summary = await new Promise<newman.NewmanRunSummary>((resolve, reject) =>
      newman.run(
        {
          collection: join(root, 'postman-twitter-api.json'),
          envVar: [
            { key: 'baseUrl', value: baseUrl },
            { key: 'adminToken', value: ADMIN_TOKEN },
          ],
          reporters: [],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );

    const failures = summary.run.failures.map((failure) => `${failure.source?.name ?? '?'}: ${failure.error.message}`);
    expect(failures).toEqual([]);
    expect(summary.run.stats.requests).toEqual({ total: REQUESTS.length, pending: 0, failed: 0 });
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(REQUESTS.length * 3);
    expect(summary.run.stats.assertions.failed).toBe(0);
  });
});
