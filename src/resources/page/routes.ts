import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { Config } from '../../config';
import { AppError, methodNotAllowed } from '../../errors';

/**
 * No inline script or style, nothing from another origin: the page's script, styles and uPlot are
 * files of ours, and it talks only to this API.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Run from the sources (tsx), the bundle is in dist/web; compiled, this file is in dist/src/...
const CANDIDATES = [
  join(__dirname, '..', '..', '..', 'dist', 'web'),
  join(__dirname, '..', '..', '..', 'web'),
];

export function findBuiltPage(candidates = CANDIDATES): string | undefined {
  return candidates.find(
    (dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets', 'app.js')),
  );
}

/** An asset named by its content hash (`insights-3FQ2X7AB.js`, `style-0a1b2c3d4e.css`) never changes. */
const HASHED_ASSET = /-[0-9A-Za-z]{8,}\.(js|css)(\.map)?$/;

/**
 * The live page at `/`, the insights page at `/insights` and their assets, built by
 * `npm run build:web` (npm start and the image build it).
 */
export function pageRoutes(links: Config['links'], candidates = CANDIDATES): Router {
  const router = Router();
  const dir = findBuiltPage(candidates);
  const read = (file: string) =>
    dir && existsSync(join(dir, file)) ? withLinks(readFileSync(join(dir, file), 'utf8'), links) : undefined;
  servePage(router, '/', read('index.html'), 'the live page');
  servePage(router, '/insights', read('insights.html'), 'the insights page');
  if (dir) {
    router.use(
      '/assets',
      express.static(join(dir, 'assets'), {
        index: false,
        maxAge: '5m',
        fallthrough: true,
        setHeaders: (res, path) => {
          if (HASHED_ASSET.test(path)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        },
      }),
    );
  }
  return router;
}

function servePage(router: Router, path: string, html: string | undefined, name: string): void {
  router
    .route(path)
    .get((_req, res) => {
      if (!html) throw new AppError(503, `${name} is not built: run \`npm run build:web\``);
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html').send(html);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
}

function withLinks(html: string, links: Config['links']): string {
  const items = [
    links.grafana && `<li><a href="${escapeHtml(links.grafana)}">Grafana</a></li>`,
    links.kibana && `<li><a href="${escapeHtml(links.kibana)}">Kibana</a></li>`,
  ].filter(Boolean);
  return html.replace('<!-- links -->', items.join('\n          '));
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
