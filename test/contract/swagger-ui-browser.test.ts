import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../helpers/app';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { spec } from '../helpers/spec';

const chromiumPath = findTool('chromium', ['chromium', 'chromium-browser']);
// UPDATE_SCREENSHOTS=1 refreshes the one in docs/; otherwise it goes to a temporary file.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'swagger-ui.png')
  : join(tmpdir(), 'twitter-api-swagger-ui.png');

/**
 * A non-loopback address of this machine when it has one: browsers treat 127.0.0.1 as secure, so only
 * another address shows what a user reaching the server over plain HTTP gets.
 */
function siteAddress(): string {
  const external = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry?.family === 'IPv4' && !entry.internal);
  return external?.address ?? '127.0.0.1';
}

describeWithTool(chromiumPath)('Swagger UI in a real browser', () => {
  let app: TestApp;
  let server: Server;
  let browser: Browser;
  beforeAll(async () => {
    app = await buildTestApp();
    server = app.http.listen(0, siteAddress());
    await new Promise((resolve) => server.once('listening', resolve));
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  test('when /docs is opened, then every endpoint and its examples render from /openapi.json, without outside requests or errors', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const { address, port } = server.address() as AddressInfo;
    const base = `http://${address}:${port}`;
    const outside: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('requestfailed', (request) => errors.push(`${request.url()}: ${request.failure()?.errorText}`));
    page.on('console', (message) => {
      // helmet's Cross-Origin-Opener-Policy only counts over HTTPS; over plain HTTP Chromium says it ignores it.
      if (
        message.type() === 'error' &&
        !message.text().startsWith('The Cross-Origin-Opener-Policy header has been ignored')
      ) {
        errors.push(message.text());
      }
    });

    await page.goto(`${base}/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
    const paths = await page.$$eval('.opblock-summary-path', (nodes) =>
      nodes.map((node) => node.getAttribute('data-path')),
    );
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    await page.click('#operations-posts-getTweets .opblock-summary-control');
    await page.waitForSelector('#operations-posts-getTweets .responses-wrapper', { timeout: 5_000 });
    const operation = await page.textContent('#operations-posts-getTweets');

    expect(new Set(paths)).toEqual(new Set(Object.keys(spec.paths)));
    expect(await page.title()).toBe('Swagger UI');
    expect(operation).toContain('order_by_followers_desc');
    expect(operation).toContain('mariasmith_304');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
