import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createService, type Service } from '../../src/service';
import { ADMIN_TOKEN, captureLogs } from '../helpers/app';
import { describeWithTool, findTool } from '../helpers/external-tool';
import { buildPage, buildPlace, buildPost, buildUser } from '../helpers/factories';
import { seed } from '../helpers/seed';
import { pagesSource } from '../helpers/sources';

const chromiumPath = findTool('chromium', ['chromium', 'chromium-browser']);
// UPDATE_SCREENSHOTS=1 refreshes the one in docs/; otherwise it goes to a temporary file.
const SCREENSHOT = process.env.UPDATE_SCREENSHOTS
  ? join(__dirname, '..', '..', 'docs', 'insights-page.png')
  : join(tmpdir(), 'twitter-api-insights-page.png');

const ana = buildUser({ name: 'Ana', username: 'ana', public_metrics: followers(1200) });
const bruno = buildUser({ name: 'Bruno', username: 'bruno', public_metrics: followers(300) });
const carla = buildUser({ name: 'Carla', username: 'carla', public_metrics: followers(50) });
const lisbon = buildPlace({ country_code: 'PT' });
const recife = buildPlace({ full_name: 'Recife, Brazil', country: 'Brazil', country_code: 'BR' });

function followers(count: number) {
  return { followers_count: count, following_count: 1, tweet_count: 1, listed_count: 0 };
}

// In São Paulo (UTC-3 all year): 20 Nov 07:00 and 20:30, 21 Nov 00:00 and 07:15, 22 Nov 09:00 and 15:00.
const devops = [
  buildPost({
    author: ana,
    text: 'kubernetes rollout at dawn',
    created_at: '2026-11-20T10:00:00.000Z',
    geo: { place_id: lisbon.id },
  }),
  buildPost({
    author: bruno,
    text: 'terraform plan review',
    created_at: '2026-11-20T23:30:00.000Z',
    geo: { place_id: recife.id },
  }),
  buildPost({
    author: bruno,
    text: 'implantação contínua',
    created_at: '2026-11-21T03:00:00.000Z',
    lang: 'pt',
  }),
];
const sre = [
  buildPost({
    author: ana,
    text: 'kubernetes pager duty',
    created_at: '2026-11-21T10:15:00.000Z',
    geo: { place_id: lisbon.id },
  }),
  buildPost({
    author: carla,
    text: 'observabilidade',
    created_at: '2026-11-22T12:00:00.000Z',
    lang: 'pt',
    geo: { place_id: recife.id },
  }),
  buildPost({
    author: ana,
    text: 'latency budget',
    created_at: '2026-11-22T18:00:00.000Z',
    geo: { place_id: lisbon.id },
  }),
];

describeWithTool(chromiumPath)('the insights page in a real browser', () => {
  let dir: string;
  let service: Service;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'insights-page-'));
    const config = loadConfig({
      DATABASE_PATH: join(dir, 'insights.db'),
      ADMIN_TOKEN,
      TWEET_SOURCE: 'sample',
      HOST: '127.0.0.1',
      PORT: '0',
      GRAFANA_URL: 'http://127.0.0.1:9/grafana',
    });
    service = await createService({ config, logs: captureLogs(), source: pagesSource({}) });
    const server = await service.start();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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

  async function open(
    path: string,
    width = 1024,
  ): Promise<{ context: BrowserContext; page: Page; seen: Seen }> {
    const context = await browser.newContext({
      viewport: { width, height: 900 },
      timezoneId: 'America/Sao_Paulo',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const seen = watch(page, base);
    await page.goto(`${base}${path}`);
    await viewReady(page);
    return { context, page, seen };
  }

  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${base}${path}`)).json()) as T;

  test('when nothing is stored yet, then each panel says there are no posts yet rather than an empty chart', async () => {
    const { context, page, seen } = await open('/insights?tz=UTC');
    for (const panel of ['per-hour', 'per-tag', 'per-country', 'authors', 'search']) {
      expect(await page.getAttribute(`#${panel}`, 'data-state')).toBe('empty');
      expect(await page.textContent(`#${panel} .panel-status`)).toBe(
        'No posts yet: the database is empty or its first collection is still running. Try again in a minute.',
      );
    }
    expect(await page.textContent('#over-time .panel-status')).toBe('No posts in this range.');
    expect(await page.locator('#per-hour canvas').count()).toBe(0);
    expect(await page.locator('#per-country path[fill]').count()).toBe(0);
    expect(seen.errors).toEqual([]);
    await context.close();
  });

  describe('with posts stored', () => {
    beforeAll(async () => {
      const includes = { users: [ana, bruno, carla], places: [lisbon, recife] };
      await seed(service.store, '#devops', buildPage(devops, includes));
      await seed(service.store, '#sre', buildPage(sre, includes));
    });

    test('when the page opens on a range, then every panel shows the stored numbers, in the browser’s time zone, as the API gives them, and the map shades the countries', async () => {
      const { context, page, seen } = await open('/insights?from=2026-11-20&to=2026-11-23');
      expect(page.url()).toBe(
        `${base}/insights?from=2026-11-20&to=2026-11-23&interval=day&tz=America%2FSao_Paulo&top=10`,
      );

      expect(await rows(page, 'over-time')).toEqual([
        '2026-11-20 00:00 | 2',
        '2026-11-21 00:00 | 2',
        '2026-11-22 00:00 | 2',
      ]);
      const overTime = await api<{ tweets_over_time: { tweets: number }[] }>(
        '/tweets_over_time?interval=day&from=2026-11-20&to=2026-11-23&tz=America/Sao_Paulo',
      );
      expect(await rows(page, 'over-time', 1)).toEqual(
        overTime.tweets_over_time.map((row) => String(row.tweets)),
      );
      expect(await page.locator('#over-time canvas').count()).toBe(1);

      const hours = (await rows(page, 'per-hour')).filter((row) => !row.endsWith('| 0'));
      expect(hours).toEqual(['00:00 | 1', '07:00 | 2', '09:00 | 1', '15:00 | 1', '20:00 | 1']);
      expect(await rows(page, 'per-hour')).toHaveLength(24);

      const perTag = (
        await api<{ tweets_per_tags: { rash: string; lang: string; tweets: number }[][] }>('/tweets_per_tag')
      ).tweets_per_tags.flat();
      expect(await rows(page, 'per-tag')).toEqual(
        perTag.map((row) => `${row.rash} | ${row.lang} | ${row.tweets}`),
      );
      expect(new Set(await rows(page, 'per-tag'))).toEqual(
        new Set(['#devops | en | 2', '#devops | pt | 1', '#sre | en | 2', '#sre | pt | 1']),
      );
      expect(await page.locator('#per-tag .bar-row').count()).toBe(2);

      expect(await rows(page, 'per-country')).toEqual([
        'PT | Portugal | 3',
        'BR | Brazil | 2',
        'unknown | unknown | 1',
      ]);
      expect(await page.getAttribute('#per-country path[data-country="PT"]', 'fill')).toBe('#08519c');
      expect(await page.getAttribute('#per-country path[data-country="PT"]', 'data-posts')).toBe('3');
      expect(await page.getAttribute('#per-country path[data-country="BR"]', 'fill')).toBe('#3182bd');
      expect(await page.getAttribute('#per-country path[data-country="ES"]', 'fill')).toBeNull();
      expect(await page.locator('#per-country path[fill]').count()).toBe(2);

      expect(await rows(page, 'authors')).toEqual([
        'Ana | @ana | 1,200 | 3',
        'Bruno | @bruno | 300 | 2',
        'Carla | @carla | 50 | 1',
      ]);
      expect(await page.getAttribute('#authors a', 'href')).toBe('https://x.com/ana');

      expect((await rows(page, 'search')).map((row) => row.split(' | ')[0])).toEqual([
        'latency budget',
        'observabilidade',
        'kubernetes pager duty',
        'implantação contínua',
        'terraform plan review',
        'kubernetes rollout at dawn',
      ]);
      expect((await rows(page, 'search'))[0]).toBe(
        'latency budget | @ana | 2026-11-22 15:00 | #sre | en | PT',
      );

      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(seen.outside).toEqual([]);
      expect(seen.errors).toEqual([]);
      expect(seen.failed).toEqual([]);
      await context.close();
    });

    test('when filters and a search are chosen with the keyboard, then the URL holds them, every panel changes, and a reload restores the view', async () => {
      const { context, page, seen } = await open('/insights?from=2026-11-20&to=2026-11-23&tz=UTC');

      // The skip link leads to the filters; Tab goes on to the first one.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate<string>('document.activeElement.id')).toBe('filter-tag');
      await page.focus('#q');
      await page.keyboard.type('kubernetes');
      await page.keyboard.press('Enter');
      await viewReady(page);
      expect(await searchTexts(page)).toEqual(['kubernetes pager duty', 'kubernetes rollout at dawn']);
      expect(await page.getAttribute('#search tbody a', 'href')).toBe(
        `https://x.com/ana/status/${sre[0]!.id}`,
      );

      await page.focus('#filter-tag');
      await page.selectOption('#filter-tag', '#devops');
      await viewReady(page);
      await page.focus('#filter-tz');
      await page.selectOption('#filter-tz', 'America/Sao_Paulo');
      await viewReady(page);
      await page.selectOption('#top', '5');
      await viewReady(page);
      const expectedUrl = `${base}/insights?tag=%23devops&from=2026-11-20&to=2026-11-23&interval=day&tz=America%2FSao_Paulo&top=5&q=kubernetes`;
      expect(page.url()).toBe(expectedUrl);

      const filtered = async () => ({
        overTime: await rows(page, 'over-time'),
        hours: (await rows(page, 'per-hour')).filter((row) => !row.endsWith('| 0')),
        perTag: await rows(page, 'per-tag'),
        perCountry: await rows(page, 'per-country'),
        authors: await rows(page, 'authors'),
        search: await searchTexts(page),
      });
      const view = await filtered();
      // #devops in São Paulo: 20 Nov 07:00 (Lisbon) and 20:30 (Recife), 21 Nov 00:00 (pt, no place).
      expect(view).toEqual({
        overTime: ['2026-11-20 00:00 | 2', '2026-11-21 00:00 | 1', '2026-11-22 00:00 | 0'],
        hours: ['00:00 | 1', '07:00 | 1', '20:00 | 1'],
        perTag: ['#devops | en | 2', '#devops | pt | 1'],
        perCountry: ['unknown | unknown | 1', 'BR | Brazil | 1', 'PT | Portugal | 1'],
        authors: ['Ana | @ana | 1,200 | 1', 'Bruno | @bruno | 300 | 2'],
        search: ['kubernetes rollout at dawn'],
      });
      expect(await page.locator('#per-country path[fill]').count()).toBe(2);

      await page.reload();
      await viewReady(page);
      expect(page.url()).toBe(expectedUrl);
      expect(await filtered()).toEqual(view);
      expect(await page.inputValue('#filter-tag')).toBe('#devops');
      expect(await page.inputValue('#q')).toBe('kubernetes');
      expect(await page.inputValue('#top')).toBe('5');

      await page.focus('#per-tag [data-download="csv"]');
      const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
      expect(readFileSync(await file.path(), 'utf8')).toBe(
        'rash,lang,tweets\r\n#devops,en,2\r\n#devops,pt,1\r\n',
      );

      await page.selectOption('#filter-lang', 'pt');
      await viewReady(page);
      expect(page.url()).toBe(expectedUrl.replace('&from=', '&lang=pt&from='));
      expect(await filtered()).toEqual({
        overTime: ['2026-11-20 00:00 | 0', '2026-11-21 00:00 | 1', '2026-11-22 00:00 | 0'],
        hours: ['00:00 | 1'],
        perTag: ['#devops | pt | 1'],
        perCountry: ['unknown | unknown | 1'],
        authors: ['Bruno | @bruno | 300 | 1'],
        search: [],
      });
      expect(await page.locator('#per-country path[fill]').count()).toBe(0);
      expect(await page.textContent('#search .panel-status')).toBe('No post contains “kubernetes”.');

      expect(seen.outside).toEqual([]);
      expect(seen.errors).toEqual([]);
      await context.close();
    });

    test('when a panel’s data is downloaded, then the CSV and the JSON hold the rows the API gave', async () => {
      const { context, page } = await open('/insights?tz=UTC');
      const country = await download(page, '#per-country [data-download="csv"]');
      expect(country).toEqual({
        name: 'posts-per-country.csv',
        text: 'country,country_name,tweets\r\nPT,Portugal,3\r\nBR,Brazil,2\r\n,,1\r\n',
      });
      const json = await download(page, '#per-country [data-download="json"]');
      expect(json.name).toBe('posts-per-country.json');
      expect(JSON.parse(json.text)).toEqual(
        (await api<{ tweets_per_country: unknown }>('/tweets_per_country')).tweets_per_country,
      );
      const posts = await download(page, '#search [data-download="json"]');
      expect(JSON.parse(posts.text)).toEqual((await api<{ tweets: unknown }>('/tweets?limit=20')).tweets);
      const hours = await download(page, '#per-hour [data-download="csv"]');
      expect(hours.text.split('\r\n').slice(0, 3)).toEqual(['at_hour,tweets', '00:00,0', '01:00,0']);
      expect(hours.text).toContain('\r\n10:00,2\r\n');
      await context.close();
    });

    test('when the API answers an error, then the panel says so in words and the others still show', async () => {
      // Six years of hours are too many buckets for the over-time panel alone.
      const { context, page, seen } = await open(
        '/insights?from=2020-11-20&to=2026-11-23&interval=hour&tz=UTC',
      );
      expect(await page.getAttribute('#over-time', 'data-state')).toBe('error');
      expect(await page.textContent('#over-time .panel-status')).toBe(
        'The API answered 400: from: the range holds more than 1000 hours; narrow it or use a longer interval',
      );
      expect(await page.getAttribute('#per-country', 'data-state')).toBe('ready');
      expect(seen.failed).toEqual(['400 /tweets_over_time']);
      await context.close();
    });

    test('when the range is backwards, then every panel says what the API refused', async () => {
      const { context, page } = await open('/insights?from=2026-11-23&to=2026-11-20&tz=UTC');
      for (const panel of ['over-time', 'per-hour', 'per-tag', 'per-country', 'authors', 'search']) {
        expect(await page.textContent(`#${panel} .panel-status`)).toBe(
          'The API answered 400: from: must be before to',
        );
      }
      await context.close();
    });

    test('when the page is 320 px wide, then nothing scrolls sideways and the map stacks above its table', async () => {
      const { context, page, seen } = await open('/insights?tz=UTC', 320);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      const map = await page.locator('#per-country .map').boundingBox();
      const table = await page.locator('#per-country table').boundingBox();
      expect(table!.y).toBeGreaterThan(map!.y + map!.height - 1);
      expect(seen.errors).toEqual([]);
      await context.close();
    });

    test('when the live page is open, then it links to the insights page and back', async () => {
      const { context, page } = await open('/insights?tz=UTC');
      await page.click('nav a[href="/"]');
      await page.waitForSelector('#status');
      expect(await page.getAttribute('nav a[href="/insights"]', 'href')).toBe('/insights');
      expect(await page.textContent('nav')).toContain('Grafana');
      await context.close();
    });
  });
});

interface Seen {
  outside: string[];
  errors: string[];
  failed: string[];
}

function watch(page: Page, base: string): Seen {
  const seen: Seen = { outside: [], errors: [], failed: [] };
  page.on('request', (request) => {
    if (!request.url().startsWith(base) && !request.url().startsWith('blob:'))
      seen.outside.push(request.url());
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      seen.failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  return seen;
}

/** Waits until every panel has drawn the view the URL names. */
async function viewReady(page: Page): Promise<void> {
  await waitUntil(
    async () => page.evaluate<boolean>('document.body.dataset.ready === location.search'),
    5000,
  );
}

/** A panel's table, one `cell | cell` line per row; `column` picks one cell. */
function rows(page: Page, panel: string, column?: number): Promise<string[]> {
  return page.$$eval(
    `#${panel} tbody tr`,
    (lines, pick) =>
      lines.map((line) => {
        const cells = [...line.querySelectorAll('td')].map((cell) => cell.textContent?.trim() ?? '');
        return pick === null ? cells.join(' | ') : (cells[pick] ?? '');
      }),
    column ?? null,
  );
}

const searchTexts = (page: Page) => rows(page, 'search', 0);

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** Polls `check` every 20 ms; fails after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
