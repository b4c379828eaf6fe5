import { type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Health',
    method: 'GET',
    path: '/healthz',
    status: 200,
    checks: ["pm.test('ok', () => pm.expect(pm.response.json()).to.eql({ status: 'ok' }));"],
  },
  {
    name: 'Readiness',
    method: 'GET',
    path: '/readyz',
    status: 200,
    checks: [
      "pm.test('ready, the database answering', () => pm.expect(pm.response.json()).to.eql({ status: 'ready', checks: { database: 'ok' } }));",
    ],
  },
];
