import { type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Metrics',
    method: 'GET',
    path: '/metrics',
    status: 200,
    type: 'text/plain',
    checks: [
      'pm.test(\'Prometheus text with the request and collection metrics\', () => { const text = pm.response.text(); pm.expect(text).to.match(/^# HELP http_requests_total /m); pm.expect(text).to.match(/^twitterapi_collected_posts_total\\{tag="#devops"\\} [1-9]/m); });',
    ],
  },
];
