import { problem, type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Error: live events with a bad Last-Event-ID',
    method: 'GET',
    path: '/live/events?tag=devops&last_event_id=abc',
    status: 400,
    description:
      'GET /live/events is a Server-Sent Events stream that never ends (open it in a browser or with curl -N); this request shows its validation.',
    checks: [
      ...problem,
      "pm.test('names the parameter', () => pm.expect(body.detail).to.eql('last_event_id: must be the id of an event this stream sent'));",
    ],
  },
];
