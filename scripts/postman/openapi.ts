import { buildOpenApiDocument } from '../../src/resources/openapi/document';
import { problem, type PostmanRequest } from './request';

/** Every path the resources' contracts describe, as the collection expects /openapi.json to list them. */
const PATHS = Object.keys(buildOpenApiDocument().paths ?? {})
  .map((path) => `'${path}'`)
  .join(', ');

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'OpenAPI description',
    method: 'GET',
    path: '/openapi.json',
    status: 200,
    checks: [
      `pm.test('OpenAPI 3.1 with every endpoint', () => { const d = pm.response.json(); pm.expect(d.openapi).to.eql('3.1.0'); pm.expect(d.paths).to.have.all.keys(${PATHS}); });`,
    ],
  },
  {
    name: 'Swagger UI',
    method: 'GET',
    path: '/docs',
    status: 200,
    type: 'text/html',
    description: 'Redirects to /docs/, the page; Postman follows the redirect.',
    checks: [
      `pm.test('the Swagger UI page, its scripts served by the app', () => { const page = pm.response.text(); pm.expect(page).to.include('<div id="swagger-ui">'); pm.expect(page).to.include('src="./swagger-ui-bundle.js"'); pm.expect(page).to.not.match(/src="https?:/); });`,
    ],
  },
  { name: 'Error: unknown path', method: 'GET', path: '/no/such/thing', status: 404, checks: [...problem] },
];
