import { problem, bearerChallenge, type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Run a collection',
    method: 'GET',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('restored, with the summary', () => { pm.expect(body.message).to.eql('database has been restored'); pm.expect(body.failed_tags).to.eql([]); pm.expect(body.summary.tags.length).to.eql(Object.keys(body.collected).length); pm.expect(body.summary.outcome).to.eql('success'); });",
    ],
  },
  {
    name: 'Error: collection without the admin token',
    method: 'GET',
    path: '/database',
    status: 401,
    checks: [...problem, ...bearerChallenge],
  },
  {
    name: 'Error: drop with a wrong token',
    method: 'DELETE',
    path: '/database',
    auth: 'wrong',
    status: 401,
    checks: [...problem, ...bearerChallenge],
  },
  {
    name: 'Error: HEAD does not run a collection',
    method: 'HEAD',
    path: '/database',
    auth: 'admin',
    status: 405,
    checks: [
      "pm.test('says what is allowed', () => pm.expect(pm.response.headers.get('Allow')).to.eql('GET, DELETE'));",
    ],
  },
  {
    name: 'Drop the database',
    method: 'DELETE',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      "pm.test('dropped', () => pm.expect(pm.response.json()).to.eql({ message: 'database has been dropped' }));",
    ],
  },
  {
    name: 'Restore it',
    method: 'GET',
    path: '/database',
    auth: 'admin',
    status: 200,
    checks: [
      "pm.test('collected again', () => pm.expect(Object.values(pm.response.json().collected).reduce((a, b) => a + b, 0)).to.be.above(0));",
    ],
  },
];
