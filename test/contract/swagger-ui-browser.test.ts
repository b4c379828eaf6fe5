import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app';
import { describeWithTool, findTool } from '../helpers/external-tool';

const chromiumPath = findTool('chromium', ['chromium', 'chromium-browser']);
// UPDATE_SCREENSHOTS=1 refreshes the one in docs/; otherwise it goes to a temporary file.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS ? join(__dirname, '..', '..', 'docs', 'swagger-ui.png') : join(tmpdir(), 'twitter-api-swagger-ui.png');

describeWithTool(chromiumPath)('Swagger UI in a real browser', () => {
  let app: TestApp;
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    app = await buildTestApp();
    server = app.http.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  test('when /docs is opened, then every endpoint is rendered from /openapi.json without outside requests or errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    await page.goto(`${base}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) => nodes.map((node) => node.getAttribute('data-path')));
    await page.screenshot({ path: SCREENSHOT, fullPage: false });

    expect(new Set(paths)).toEqual(new Set(['/tweets', '/tweets_per_hour', '/tweets_per_tag', '/tweets_per_country', '/database', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']));
    expect(await page.title()).toBe('Swagger UI');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
