import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createService, type Service } from '../../src/service';
import { ADMIN_TOKEN, captureLogs } from '../helpers/app';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { buildPage, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { pagesSource } from '../helpers/sources';

const chromiumPath = findTool('chromium', ['chromium', 'chromium-browser']);
// UPDATE_SCREENSHOTS=1 refreshes the one in docs/; otherwise it goes to a temporary file.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'live-page.png')
  : join(tmpdir(), 'twitter-api-live-page.png');

const ana = buildUser({ name: 'Ana', username: 'ana', public_metrics: { followers_count: 1200 } });

describeWithTool(chromiumPath)('the live page in a real browser', () => {
  let dir: string;
  let service: Service;
  let port = 0;
  let browser: Browser;

  async function startService(): Promise<void> {
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'live.db'),
      ADMIN_TOKEN,
      TWEET_SOURCE: 'sample',
      HOST: '127.0.0.1',
      PORT: String(port),
      GRAFANA_URL: 'http://127.0.0.1:9/grafana',
    });
    service = await createService({ config, logs: captureLogs(), source: pagesSource({}) });
    const server = await service.start();
    port = (server.address() as AddressInfo).port;
  }
  const store = (tag: string, texts: string[]) =>
    seed(
      service.store,
      tag,
      buildPage(
        texts.map((text) => buildPost({ author: ana, text })),
        { users: [ana] },
      ),
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'live-page-'));
    await startService();
    // One post so the first start does not collect (the source is empty anyway).
    await store('#sre', ['before the page opened']);
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function watch(page: Page, base: string) {
    const outside: string[] = [];
    const errors: string[] = [];
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) outside.push(request.url());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    return { outside, errors, failed };
  }
  const feedTexts = (page: Page) =>
    page.$$eval('#feed li > p:first-child', (nodes) => nodes.map((node) => node.textContent));

  test('when posts are stored, then they appear within a second, newest on top, the chart moves, and after a server restart the page resumes without losing one', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const base = `http://127.0.0.1:${port}`;
    const seen = watch(page, base);
    await page.goto(`${base}/`);
    await page.waitForSelector('#status[data-state="open"]', { timeout: 5000 });

    await store('#devops', ['first live post', 'second live post']);
    await waitUntil(async () => (await page.locator('#feed li').count()) === 2, 1000);
    await store('#sre', ['third live post']);
    await waitUntil(async () => (await page.locator('#feed li').count()) === 3, 1000);
    expect((await feedTexts(page))[0]).toBe('third live post');
    expect(new Set(await feedTexts(page))).toEqual(
      new Set(['first live post', 'second live post', 'third live post']),
    );

    // The chart gets a point a second, and the second the posts were stored in counts them.
    await waitUntil(async () => Number(await page.getAttribute('#rate', 'data-points')) >= 3, 5000);
    expect(await page.locator('#chart canvas').count()).toBe(1);
    const counts = async () =>
      (await page.locator('#tag-counts tr').allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
    await waitUntil(async () => (await counts()).includes('#devops 2'), 3000);
    expect(await counts()).toContain('#sre 2');
    await page.screenshot({ path: SCREENSHOT });

    await service.stop();
    await page.waitForSelector('#status[data-state="reconnecting"]', { timeout: 5000 });
    await startService();
    // Stored before the browser is back: it gets them by Last-Event-ID, then the live ones.
    await store('#devops', ['stored while reconnecting']);
    await page.waitForSelector('#status[data-state="open"]', { timeout: 10_000 });
    await store('#devops', ['after the restart']);
    await waitUntil(async () => (await page.locator('#feed li').count()) === 5, 3000);
    const texts = await feedTexts(page);
    expect(texts.slice(0, 2)).toEqual(['after the restart', 'stored while reconnecting']);
    expect(new Set(texts).size).toBe(5);

    expect(seen.outside).toEqual([]);
    // While the server stops and is down, the browser reports each refused reconnect (a stopping
    // server answers the event stream 503); nothing else may fail.
    expect(new Set(seen.failed)).toEqual(new Set(seen.failed.length ? ['503 /live/events'] : []));
    const refusedReconnect = /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|status of 503/;
    expect(seen.errors.filter((error) => !refusedReconnect.test(error))).toEqual([]);
    await page.close();
  });

  test('when a tag is chosen with the keyboard, then only its posts arrive, and at 320 px nothing scrolls sideways', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    const base = `http://127.0.0.1:${port}`;
    const seen = watch(page, base);
    await page.goto(`${base}/`);
    await page.waitForSelector('#status[data-state="open"]', { timeout: 5000 });
    await waitUntil(async () => (await page.locator('#tag option').count()) >= 3, 3000);

    await page.focus('#tag');
    await page.selectOption('#tag', '#sre');
    await page.waitForSelector('#status[data-state="open"]', { timeout: 5000 });
    await store('#devops', ['not for this filter']);
    await store('#sre', ['for this filter']);
    await waitUntil(async () => (await page.locator('#feed li').count()) === 1, 2000);
    expect(await feedTexts(page)).toEqual(['for this filter']);
    expect(page.url()).toBe(`${base}/?tag=%23sre`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
    await waitUntil(async () => (await page.textContent('#announcer')) === '1 new post', 12_000);
    expect(seen.outside).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.failed).toEqual([]);
    await page.close();
  });

  test('when JavaScript is off, then the page says what it needs and links to the API', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    expect(await page.textContent('noscript')).toContain('This page needs JavaScript');
    await context.close();
  });
});

/** Polls `check` every 20 ms; fails after `timeoutMs` (the page's CSP forbids evaluating strings in it). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
