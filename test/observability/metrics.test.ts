import { ADMIN_TOKEN, buildTestApp, type TestApp } from '../helpers/app';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { pagesSource } from '../helpers/sources';

/** The value of one series in Prometheus text format, or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const seriesOf = (text: string, name: string) => text.split('\n').filter((row) => row.startsWith(`${name}{`));

describe('GET /metrics', () => {
  let app: TestApp;
  const user = buildUser();
  beforeEach(async () => {
    const pages = {
      '#devops': [buildPage([buildPost({ author: user }), buildPost({ author: user })], { users: [user] })],
    };
    app = await buildTestApp({
      env: { TAGS: '#devops,#sre', COLLECT_INTERVAL_MINUTES: '15' },
      source: pagesSource(pages),
    });
  });
  afterEach(() => app.close());

  test('when requests were served, then they are counted by method, route template and status', async () => {
    await app.api.get('/tweets').expect(200);
    await app.api.get('/tweets').expect(200);
    await app.api.get('/tweets?limit=0').expect(400);
    await app.api.post('/tweets_per_hour').expect(405);
    await app.api.get('/metrics').expect(200);

    const text = (
      await app.api
        .get('/metrics')
        .expect(200)
        .expect('content-type', /^text\/plain; version=0.0.4/)
    ).text;

    expect(sample(text, 'http_requests_total{method="GET",route="/tweets",status_code="200"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="/tweets",status_code="400"}')).toBe(1);
    expect(
      sample(text, 'http_requests_total{method="POST",route="/tweets_per_hour",status_code="405"}'),
    ).toBe(1);
    expect(
      sample(text, 'http_request_duration_seconds_count{method="GET",route="/tweets",status_code="200"}'),
    ).toBe(2);
    expect(text).not.toMatch(/route="\/metrics"/);
    expect(sample(text, 'http_requests_in_flight')).toBe(0);
  });

  test('when random paths get 404s, then they add no label value but "unmatched"', async () => {
    for (let i = 0; i < 20; i++) await app.api.get(`/random/${i}/${Math.random()}`).expect(404);

    const text = (await app.api.get('/metrics')).text;

    expect(seriesOf(text, 'http_requests_total')).toEqual([
      'http_requests_total{method="GET",route="unmatched",status_code="404"} 20',
    ]);
  });

  test('when a collection ran, then collector and data metrics show it', async () => {
    await app.api.get('/database').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(200);

    const text = (await app.api.get('/metrics')).text;

    expect(sample(text, 'twitterapi_collected_posts_total{tag="#devops"}')).toBe(2);
    expect(sample(text, 'twitterapi_collection_runs_total{outcome="success"}')).toBe(1);
    expect(sample(text, 'twitterapi_collection_runs_total{outcome="failed"}')).toBe(0);
    expect(sample(text, 'twitterapi_collection_duration_seconds_count')).toBe(1);
    expect(sample(text, 'twitterapi_last_successful_collection_timestamp_seconds')).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
    expect(sample(text, 'twitterapi_collection_interval_seconds')).toBe(900);
    expect(sample(text, 'twitterapi_posts_stored')).toBe(2);
    expect(sample(text, 'twitterapi_authors_stored')).toBe(1);
    expect(sample(text, 'twitterapi_database_size_bytes')).toBeGreaterThan(4096);
    expect(sample(text, 'twitterapi_log_lines_dropped_total')).toBe(0);
    expect(sample(text, 'twitterapi_logstash_connected')).toBe(0);
  });

  test('when scraped, then default process metrics are there without the three names promtool rejects', async () => {
    const text = (await app.api.get('/metrics')).text;

    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).not.toMatch(/nodejs_active_(handles|requests|resources)_total/);
  });
});
