import { startEmulator, type Emulator } from '../../emulator/server';
import { ADMIN_TOKEN, type TestApp } from '../helpers/app';
import { BEARER, buildAppOnEmulator, sampleCorpus } from './x-api-helpers';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const TAGS = ['#devops', '#sre'];
const TAG_SCOPED = [
  'x_api.request',
  'x_api.retry',
  'x_api.partial_errors',
  'collection.tag',
  'collection.tag_error',
];

describe('the run context of a collection', () => {
  let emulator: Emulator;
  let app: TestApp;

  beforeEach(async () => {
    emulator = await startEmulator({
      corpus: sampleCorpus(),
      port: 0,
      bearerToken: BEARER,
      faults: { unavailableNext: 1, partialErrorsOnPage: 1, failAfterPages: { pages: 1, status: 503 } },
    });
    app = await buildAppOnEmulator(emulator.url, {
      TAGS: TAGS.join(','),
      TWEETS_PER_TAG: '1000',
      COLLECT_CONCURRENCY: '2',
    });
  });
  afterEach(async () => {
    await app.close();
    await emulator.close();
  });

  const runLines = () =>
    app.logs.filter((line) => /^(collection|x_api)\./.test(String(line['event.action'])));

  test('when two tags are collected at once with retries, partial errors and tag errors, then every line of the run carries its run_id and the tag lines their tag', async () => {
    const res = await app.api.get('/database').set(auth).expect(502);
    const runId = res.body.summary.run_id;

    const lines = runLines();
    expect(new Set(lines.map((line) => line['event.action']))).toEqual(
      new Set(['collection.start', ...TAG_SCOPED, 'collection.end']),
    );
    expect(lines.filter((line) => line.run_id !== runId)).toEqual([]);
    for (const line of lines.filter((line) => TAG_SCOPED.includes(String(line['event.action'])))) {
      expect(TAGS).toContain(line.tag);
    }
    expect(
      lines.filter(
        (line) => line['event.action'] === 'collection.start' || line['event.action'] === 'collection.end',
      ),
    ).toEqual([
      expect.not.objectContaining({ tag: expect.anything() }),
      expect.not.objectContaining({ tag: expect.anything() }),
    ]);
    for (const tag of TAGS) {
      const searched = emulator.requests.filter((request) => request.query.query?.startsWith(`${tag} `));
      const logged = lines.filter((line) => line['event.action'] === 'x_api.request' && line.tag === tag);
      expect(logged).toHaveLength(searched.length);
    }
  });

  test('when a scheduled run follows, then its lines carry a new run_id and no request id', async () => {
    const first = await app.collector.run('request');
    app.logs.length = 0;

    const second = await app.collector.run('schedule');

    expect(second.run_id).not.toBe(first.run_id);
    const lines = runLines();
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.filter((line) => line.run_id !== second.run_id || line.request_id !== undefined)).toEqual(
      [],
    );
  });
});
