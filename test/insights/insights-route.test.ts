import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { problemHandler } from '../../src/errors';
import { PAGE_CSP, pageRoutes } from '../../src/resources/page/routes';
import { buildTestApp, type TestApp } from '../helpers/app';

describe('the insights page at /insights', () => {
  let app: TestApp;
  afterEach(() => app?.close());

  test('when /insights is requested, then the built page comes with the strict policy, the links both ways, and assets named by content hash cached for good', async () => {
    app = await buildTestApp({ env: { KIBANA_URL: 'http://kibana.local:5601' } });
    const res = await supertest(app.http)
      .get('/insights')
      .expect(200)
      .expect('content-type', /text\/html/);

    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('<li><a href="/">Live</a></li>');
    expect(res.text).toContain('<li><a href="/docs/">API docs</a></li>');
    expect(res.text).toContain('<li><a href="http://kibana.local:5601">Kibana</a></li>');
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)/);
    expect(res.text).not.toMatch(/<style|style="/);
    const assets = [...res.text.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toEqual([
      expect.stringMatching(/^\/assets\/uPlot\.min-[0-9a-f]{10}\.css$/),
      expect.stringMatching(/^\/assets\/style-[0-9a-f]{10}\.css$/),
      expect.stringMatching(/^\/assets\/insights-[0-9A-Z]{8}\.js$/),
    ]);
    for (const asset of assets) {
      const answer = await supertest(app.http).get(asset).expect(200);
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    const live = await supertest(app.http).get('/').expect(200);
    expect(live.text).toContain('<li><a href="/insights">Insights</a></li>');
    const unhashed = await supertest(app.http).get('/assets/app.js').expect(200);
    expect(unhashed.headers['cache-control']).toBe('public, max-age=300');
  });

  test('when /insights is posted to, then 405 names GET and HEAD', async () => {
    app = await buildTestApp();
    const res = await supertest(app.http).post('/insights').expect(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  test('when only the live page was built, then /insights answers 503 problem+json saying how to build it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-insights-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<p>the live page</p>');
    writeFileSync(join(dir, 'assets', 'app.js'), '');
    const http = express().use(pageRoutes({ grafana: undefined, kibana: undefined }, [dir]));
    http.use(problemHandler(() => undefined));
    await supertest(http).get('/').expect(200);
    const res = await supertest(http).get('/insights').expect(503);
    expect(res.body.detail).toBe('the insights page is not built: run `npm run build:web`');
    rmSync(dir, { recursive: true, force: true });
  });
});
