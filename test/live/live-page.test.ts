import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import supertest from 'supertest';
import { problemHandler } from '../../src/errors';
import { PAGE_CSP, pageRoutes } from '../../src/resources/page/routes';
import { buildTestApp, type TestApp } from '../helpers/app';

describe('the live page at /', () => {
  let app: TestApp;
  afterEach(() => app?.close());

  test('when / is requested, then the built page comes with a strict Content-Security-Policy and the configured links', async () => {
    app = await buildTestApp({
      env: {
        GRAFANA_URL: 'http://grafana.local:3000/d/api?a=1&b="2"',
        KIBANA_URL: 'http://kibana.local:5601',
      },
    });
    const res = await supertest(app.http)
      .get('/')
      .expect(200)
      .expect('content-type', /text\/html/);

    expect(res.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(res.text).toContain(
      '<li><a href="http://grafana.local:3000/d/api?a=1&#38;b=&#34;2&#34;">Grafana</a></li>',
    );
    expect(res.text).toContain('<li><a href="http://kibana.local:5601">Kibana</a></li>');
    expect(res.text).toContain('<a href="/docs/">API docs</a>');
    expect(res.text).toContain('<noscript>');
    // No inline script or style: every script and stylesheet is a file of this origin.
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)/);
    expect(res.text).not.toMatch(/<style|style="/);
    const script = await supertest(app.http).get('/assets/app.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text.length).toBeGreaterThan(20_000);
    await supertest(app.http)
      .get('/assets/uPlot.min.css')
      .expect(200)
      .expect('content-type', /text\/css/);
  });

  test('when no links are configured, then the page shows only the API docs', async () => {
    app = await buildTestApp();
    const res = await supertest(app.http).get('/').expect(200);
    expect(res.text).not.toContain('Grafana');
    expect(res.text).not.toContain('Kibana');
  });

  test('when the page was not built, then / answers 503 problem+json saying how to build it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-page-'));
    writeFileSync(join(dir, 'index.html'), '<p>only the html</p>');
    const http = express().use(pageRoutes({ grafana: undefined, kibana: undefined }, [dir]));
    http.use(problemHandler(() => undefined));
    const res = await supertest(http).get('/').expect(503);
    expect(res.body.detail).toBe('the live page is not built: run `npm run build:web`');
    rmSync(dir, { recursive: true, force: true });
  });
});
