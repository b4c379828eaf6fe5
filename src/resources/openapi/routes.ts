import { dirname } from 'node:path';
import { Router } from 'express';
import helmet from 'helmet';
import { methodNotAllowed } from '../../errors';
import { buildOpenApiDocument } from './document';

/** The files of swagger-ui-dist the page loads; the package's others (its own initializer, Node entry points) stay private. */
const ASSETS = new Set([
  'index.html',
  'index.css',
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
]);

// Ours replaces the package's, which points at the Petstore.
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/**
 * helmet's policy, minus upgrade-insecure-requests: over plain HTTP on any host but localhost it
 * would send the page's own scripts to https and leave it blank. Every script stays same-origin.
 */
const docsPolicy = helmet.contentSecurityPolicy({ directives: { upgradeInsecureRequests: null } });

/** GET /openapi.json (built once), and Swagger UI at /docs from the npm package: no CDN, users may be offline. */
export function openApiRoutes(): Router {
  const document = JSON.stringify(buildOpenApiDocument());
  // The folder only: the package's main module would load its 1.5 MB browser bundle into the server.
  const root = dirname(require.resolve('swagger-ui-dist/package.json'));
  // Strict: /docs redirects, /docs/ is the page.
  const router = Router({ strict: true });
  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.type('application/json').send(document);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  router
    .route('/docs')
    // The page's relative asset URLs need the trailing slash.
    .get((_req, res) => res.redirect(301, '/docs/'))
    .all(methodNotAllowed(['GET', 'HEAD']));
  router.use('/docs', docsPolicy);
  router.get('/docs/', (_req, res) => res.sendFile('index.html', { root }));
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER);
  });
  router.get('/docs/:file', (req, res, next) => {
    if (ASSETS.has(req.params.file)) res.sendFile(req.params.file, { root });
    else next();
  });
  return router;
}
