import { problem, type PostmanRequest } from '../postman';

/** This resource's requests in the Postman collection, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'OpenAPI description',
    method: 'GET',
    path: '/openapi.json',
    status: 200,
    checks: [
      "pm.test('OpenAPI 3.1 with every endpoint', () => { const d = pm.response.json(); pm.expect(d.openapi).to.eql('3.1.0'); pm.expect(d.paths).to.have.all.keys('/tweets', '/tweets_per_hour', '/tweets_per_tag', '/tweets_per_country', '/tweets_per_language', '/tweets_over_time', '/database', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs', '/live/events', '/', '/launch', '/stop', '/statistics'); });",
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
