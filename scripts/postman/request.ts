/** A request of the Postman collection, with the checks it runs (Postman test scripts). */
export interface PostmanRequest {
  name: string;
  method: 'GET' | 'DELETE' | 'POST' | 'HEAD';
  path: string;
  auth?: 'admin' | 'wrong';
  /** a JSON request body */
  body?: unknown;
  status: number;
  /** the content type expected; default application/json, or application/problem+json from 400 */
  type?: string;
  /** shown in Postman under the request */
  description?: string;
  /** JavaScript run by Postman/newman after the response, besides the status and content-type checks */
  checks: string[];
}

export const problem = [
  'const body = pm.response.json();',
  "pm.test('is a problem with the request id', () => { pm.expect(body).to.include.keys('type', 'title', 'status', 'detail', 'instance'); pm.expect(body.instance).to.eql(pm.response.headers.get('X-Request-Id')); });",
];

export const bearerChallenge = [
  "pm.test('asks for the bearer token', () => pm.expect(pm.response.headers.get('WWW-Authenticate')).to.match(/^Bearer /));",
];
