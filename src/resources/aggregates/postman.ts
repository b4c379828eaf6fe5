import { problem, type PostmanRequest } from '../postman';

/** This resource's requests in the Postman collection, in the order they run. */
export const POSTMAN_REQUESTS: PostmanRequest[] = [
  {
    name: 'Tweets per hour (UTC)',
    method: 'GET',
    path: '/tweets_per_hour',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('24 hours, zero-filled', () => { pm.expect(body.tweets_per_hour.map((h) => h.at_hour)).to.eql([...Array(24).keys()].map((h) => String(h).padStart(2, '0') + ':00')); });",
      "pm.collectionVariables.set('postsUtc', body.tweets_per_hour.reduce((s, h) => s + h.tweets, 0));",
    ],
  },
  {
    name: 'Tweets per hour in São Paulo',
    method: 'GET',
    path: '/tweets_per_hour?tz=America/Sao_Paulo',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('the same posts, in local hours', () => { pm.expect(body.tweets_per_hour).to.have.length(24); pm.expect(body.tweets_per_hour.reduce((s, h) => s + h.tweets, 0)).to.eql(Number(pm.collectionVariables.get('postsUtc'))); });",
    ],
  },
  {
    name: 'Tweets per tag and language',
    method: 'GET',
    path: '/tweets_per_tag',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('one array per tag, each entry of one tag', () => { pm.expect(body.tweets_per_tags.length).to.be.at.least(10); body.tweets_per_tags.forEach((list) => { pm.expect(new Set(list.map((e) => e.rash)).size).to.be.at.most(1); list.forEach((e) => pm.expect(e).to.have.all.keys('rash', 'lang', 'tweets')); }); });",
    ],
  },
  {
    name: 'Tweets per country',
    method: 'GET',
    path: '/tweets_per_country',
    status: 200,
    checks: [
      'const body = pm.response.json();',
      "pm.test('most first, with null for no country', () => { const n = body.tweets_per_country.map((c) => c.tweets); pm.expect([...n].sort((a, b) => b - a)).to.eql(n); pm.expect(body.tweets_per_country.some((c) => c.country === null)).to.be.true; });",
    ],
  },
  {
    name: 'Error: unknown time zone',
    method: 'GET',
    path: '/tweets_per_hour?tz=Mars/Olympus',
    status: 400,
    checks: [...problem, "pm.test('names the parameter', () => pm.expect(body.detail).to.match(/^tz:/));"],
  },
];
