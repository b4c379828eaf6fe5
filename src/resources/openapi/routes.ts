import express, { Router } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { methodNotAllowed } from '../../errors';
import { buildOpenApiDocument } from './document';

const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '../openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

/** GET /openapi.json, and Swagger UI at /docs from the npm package (no CDN: users may be offline). */
export function openApiRoutes(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router
    .route('/openapi.json')
    .get((_req, res) => {
      res.json(document);
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  // Relative asset URLs in Swagger UI's page need the trailing slash.
  router.get('/docs', (req, res, next) => (req.originalUrl === '/docs' ? res.redirect(301, '/docs/') : next()));
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('application/javascript').send(INITIALIZER);
  });
  router.use('/docs', express.static(getAbsoluteFSPath(), { index: 'index.html', redirect: false }));
  return router;
}
