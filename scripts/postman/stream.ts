import { problem, type PostmanRequest } from './request';

/** The requests of the collection that exercise this resource, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Launch a stream run',
    method: 'POST',
    path: '/launch',
    auth: 'admin',
    body: { track: ['#devops', 'sre', '#İstanbul'] },
    status: 200,
    description:
      "Follows the X filtered stream (or, without X credentials, the sample replayed live) for these terms, spelt as tags are (`#İstanbul` is `#istanbul`). On any replica: the run is the deployment's.",
    checks: [
      'const body = pm.response.json();',
      "pm.test('started, with its terms spelt as tags', () => { pm.expect(body.process_started).to.eql(true); pm.expect(body.track).to.eql(['#devops', 'sre', '#istanbul']); });",
    ],
  },
  {
    name: 'Stream statistics',
    method: 'GET',
    path: '/statistics',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the running run is current', () => { pm.expect(body.current.track).to.eql(['#devops', 'sre', '#istanbul']); pm.expect(body.runs[0].id).to.eql(body.current.id); pm.expect(body.amount).to.be.at.least(body.current.amount); });",
    ],
  },
  {
    name: 'Stop the stream run',
    method: 'POST',
    path: '/stop',
    auth: 'admin',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('stopped, every post counted once', () => { pm.expect(body.process_stopped).to.eql(true); pm.expect(body.run.end_reason).to.eql('stopped'); pm.expect(body.run.lost).to.eql(0); pm.expect(body.run.stored + body.run.duplicates + body.run.lost).to.eql(body.run.amount); });",
    ],
  },
  {
    name: 'Error: stop with no stream run',
    method: 'POST',
    path: '/stop',
    auth: 'admin',
    status: 409,
    checks: [...problem],
  },
  {
    name: 'Error: launch with no terms',
    method: 'POST',
    path: '/launch',
    auth: 'admin',
    body: { track: [] },
    status: 400,
    checks: [...problem, "pm.test('names the field', () => pm.expect(body.detail).to.match(/^track:/));"],
  },
];
